/** Storefront endpoints behind Shopify's app-proxy signature, rendered as Liquid, an HTML fragment or JSON. */
package com.returnsdrawer.proxy;
