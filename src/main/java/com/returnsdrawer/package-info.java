/** Returns Drawer: start-up, configuration checks and the wiring shared by every feature. */
package com.returnsdrawer;
