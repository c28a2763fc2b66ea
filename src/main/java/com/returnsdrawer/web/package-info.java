/** Small HTTP helpers shared by the pages and endpoints: HTML escaping and 302 redirects. */
package com.returnsdrawer.web;
