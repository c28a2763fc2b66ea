package com.returnsdrawer.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** 302 Found, the redirect Shopify's flows use (Micronaut's {@code redirect} is a permanent 301). */
public final class Redirects {

    private Redirects() {
    }

    public static <T> MutableHttpResponse<T> found(String location) {
        return HttpResponse.<T>status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location);
    }
}
