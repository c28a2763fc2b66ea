/** The embedded admin's own API: {@code GET /api/status} (install state, orders synced, import progress, return clicks). */
package com.returnsdrawer.admin;
