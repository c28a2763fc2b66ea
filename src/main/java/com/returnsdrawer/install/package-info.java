/**
 * Entering the app from Shopify's admin: the OAuth install (micronaut-security-oauth2 with a Shopify client and
 * signed cookie state), the app home with token exchange on embedded loads, and the embedded admin page shell.
 */
package com.returnsdrawer.install;
