package com.returnsdrawer.support;

import com.returnsdrawer.shopify.ShopDomain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The embedded admin page's calls, as App Bridge's fetch makes them (with a fresh session token each time). */
public final class AdminApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdminApi() {
    }

    public static HttpResponse<String> get(URI base, ShopDomain shop, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), shop);
    }

    public static HttpResponse<String> put(URI base, ShopDomain shop, String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), shop);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, ShopDomain shop) {
        try {
            return HTTP.send(request.header("Authorization", "Bearer " + SessionTokens.valid(shop)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
