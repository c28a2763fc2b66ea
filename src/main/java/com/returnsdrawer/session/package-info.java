/**
 * Shopify session tokens: verification (micronaut-security-jwt with Shopify's claims) and the typed sessions
 * controllers receive. Below the edge features that authenticate with them (admin API, settings, compliance, app home).
 */
package com.returnsdrawer.session;
