/** Database plumbing shared by the features: UTC time conversion and the MySQL driver's tuning. */
package com.returnsdrawer.db;
