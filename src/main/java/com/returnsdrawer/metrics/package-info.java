/**
 * Platform: the app's metrics ({@link com.returnsdrawer.metrics.Metrics}, one place that names every meter) and
 * the token that guards the Prometheus scrape endpoint.
 */
package com.returnsdrawer.metrics;
