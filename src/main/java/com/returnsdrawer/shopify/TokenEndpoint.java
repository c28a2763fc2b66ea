package com.returnsdrawer.shopify;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shopify's {@code POST {shop}/admin/oauth/access_token} for the three grants the app uses: authorization
 * code, token exchange (id token, or a legacy offline token to migrate) and refresh. Always asks for
 * expiring offline tokens.
 */
@Singleton
public class TokenEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
    static final String OFFLINE_TOKEN = "urn:shopify:params:oauth:token-type:offline-access-token";

    private final ShopifyConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    TokenEndpoint(ShopifyConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Why a grant failed: the subject token needs replacing (bounce), Shopify refused, or it did not answer. */
    public enum Failure { INVALID_SUBJECT_TOKEN, REJECTED, UNAVAILABLE }

    public static final class TokenException extends Exception {
        private final Failure failure;
        private final int status;

        TokenException(Failure failure, int status, String message) {
            super(message);
            this.failure = failure;
            this.status = status;
        }

        public Failure failure() {
            return failure;
        }

        public int status() {
            return status;
        }
    }

    public TokenGrant authorizationCode(ShopDomain shop, String code) throws TokenException {
        Map<String, Object> body = base();
        body.put("code", code);
        return post(shop, body);
    }

    public TokenGrant exchangeIdToken(ShopDomain shop, String idToken) throws TokenException {
        Map<String, Object> body = base();
        body.put("grant_type", TOKEN_EXCHANGE);
        body.put("subject_token", idToken);
        body.put("subject_token_type", ID_TOKEN);
        body.put("requested_token_type", OFFLINE_TOKEN);
        return post(shop, body);
    }

    /** Migrates a legacy non-expiring offline token to an expiring one (irreversible). */
    public TokenGrant exchangeLegacyToken(ShopDomain shop, String legacyToken) throws TokenException {
        Map<String, Object> body = base();
        body.put("grant_type", TOKEN_EXCHANGE);
        body.put("subject_token", legacyToken);
        body.put("subject_token_type", OFFLINE_TOKEN);
        body.put("requested_token_type", OFFLINE_TOKEN);
        return post(shop, body);
    }

    public TokenGrant refresh(ShopDomain shop, String refreshToken) throws TokenException {
        Map<String, Object> body = credentials();
        body.put("grant_type", "refresh_token");
        body.put("refresh_token", refreshToken);
        return post(shop, body);
    }

    /** The app's credentials, which every grant sends. */
    private Map<String, Object> credentials() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", config.apiKey());
        body.put("client_secret", config.apiSecret());
        return body;
    }

    /** Credentials plus {@code expiring=1}: the grants that mint a token ask for an expiring one. */
    private Map<String, Object> base() {
        Map<String, Object> body = credentials();
        body.put("expiring", "1");
        return body;
    }

    private TokenGrant post(ShopDomain shop, Map<String, Object> body) throws TokenException {
        URI uri = URI.create(config.shopBase(shop) + "/admin/oauth/access_token");
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new TokenException(Failure.UNAVAILABLE, 0, "token endpoint timed out");
        } catch (IOException e) {
            throw new TokenException(Failure.UNAVAILABLE, 0, "token endpoint unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException(Failure.UNAVAILABLE, 0, "interrupted");
        }
        int status = response.statusCode();
        if (status >= 500) {
            throw new TokenException(Failure.UNAVAILABLE, status, "token endpoint answered " + status);
        }
        if (status >= 400) {
            String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            Failure failure = text.contains("invalid_subject_token") ? Failure.INVALID_SUBJECT_TOKEN : Failure.REJECTED;
            LOG.info("token endpoint refused a grant for {}: HTTP {} ({})", shop, status, failure);
            throw new TokenException(failure, status, "token endpoint answered " + status);
        }
        try {
            TokenGrant grant = json.readValue(response.body(), TokenGrant.class);
            if (grant == null || grant.accessToken() == null || grant.accessToken().isBlank()) {
                throw new TokenException(Failure.REJECTED, status, "no access token in the answer");
            }
            return grant;
        } catch (IOException e) {
            throw new TokenException(Failure.REJECTED, status, "unreadable token answer");
        }
    }
}
