/**
 * What a shopper sees and does on either surface (the storefront drawer, the customer-account block): the order
 * view, its words in four languages, and the "Start a return" click they share.
 */
package com.returnsdrawer.shopper;
