/** Return links for each provider and the record of every "Start a return" click. */
package com.returnsdrawer.returns;
