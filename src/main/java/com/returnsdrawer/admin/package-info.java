/** The embedded admin page: its shell and CSP, and session-token authentication of the admin API. */
package com.returnsdrawer.admin;
