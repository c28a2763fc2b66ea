/**
 * Platform: limits of the HTTP server itself (open connections, body sizes per route), below any controller, and
 * the clock beans ask for.
 */
package com.returnsdrawer.server;
