/** Platform: limits of the HTTP server itself (open connections, body sizes per route), below any controller. */
package com.returnsdrawer.server;
