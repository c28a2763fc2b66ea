/** The health endpoint: whether this instance can serve, judged by a real round trip to the database. */
package com.returnsdrawer.health;
