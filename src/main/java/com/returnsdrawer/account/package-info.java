/**
 * Customer accounts: the routes Shopify's customer account UI extension calls directly (not through the app
 * proxy) with the signed-in customer's session token, and the short-lived return ticket links it opens
 * (docs/behaviour.md, "Customer accounts").
 */
package com.returnsdrawer.account;
