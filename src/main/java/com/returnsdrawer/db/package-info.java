/**
 * Database plumbing shared by the features: units of work in Micronaut's transactions (so hand-written JDBC and
 * repositories share one connection), group commit, multi-row statements, UTC times, the driver's tuning and the
 * health check.
 */
package com.returnsdrawer.db;
