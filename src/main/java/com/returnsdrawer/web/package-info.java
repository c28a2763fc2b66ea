/** Small HTTP helpers shared by the pages and endpoints: HTML escaping, 302 redirects, a future's failure. */
package com.returnsdrawer.web;
