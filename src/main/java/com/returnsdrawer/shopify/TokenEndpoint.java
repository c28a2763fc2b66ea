package com.returnsdrawer.shopify;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
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

    /**
     * Why a grant failed. Only {@code INVALID_GRANT} (and {@code INVALID_SUBJECT_TOKEN} for a migrated legacy
     * token) say the grant is dead; the rest leave stored tokens alone (docs/behaviour.md, "Tokens").
     */
    public enum Failure {
        /** {@code invalid_grant}: the code or refresh token is spent, expired or revoked. */
        INVALID_GRANT,
        /** {@code invalid_subject_token}: the session token (bounce for a new one) or legacy token is not accepted. */
        INVALID_SUBJECT_TOKEN,
        /** Any other 4xx but 429 (a wrong client secret, a malformed request): nothing about the grant is known. */
        REFUSED,
        /** 429, 5xx, or no connection: the request was not processed. */
        UNAVAILABLE,
        /** Sent, but the answer was lost (timeout, broken connection) or unreadable: Shopify may have processed it. */
        UNCERTAIN;

        /** Worth trying again later: Shopify did not say the grant is dead or the request is wrong. */
        public boolean temporary() {
            return this == UNAVAILABLE || this == UNCERTAIN;
        }
    }

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
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new TokenException(Failure.UNAVAILABLE, 0, "token endpoint unreachable");
        } catch (HttpTimeoutException e) {
            throw new TokenException(Failure.UNCERTAIN, 0, "token endpoint timed out");
        } catch (IOException e) {
            // The request may have reached Shopify before the connection broke.
            throw new TokenException(Failure.UNCERTAIN, 0, "token endpoint connection failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException(Failure.UNCERTAIN, 0, "interrupted");
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            LOG.warn("token endpoint unavailable for {}: HTTP {}", shop, status);
            throw new TokenException(Failure.UNAVAILABLE, status, "token endpoint answered " + status);
        }
        if (status >= 400) {
            String error = errorCode(response.body());
            Failure failure = switch (error) {
                case "invalid_grant" -> Failure.INVALID_GRANT;
                case "invalid_subject_token" -> Failure.INVALID_SUBJECT_TOKEN;
                default -> Failure.REFUSED;
            };
            if (failure == Failure.REFUSED) {
                LOG.warn("token endpoint refused a request for {}: HTTP {} ({}); check SHOPIFY_API_KEY and SHOPIFY_API_SECRET",
                        shop, status, error);
            } else {
                LOG.info("token endpoint refused a grant for {}: HTTP {} ({})", shop, status, error);
            }
            throw new TokenException(failure, status, "token endpoint answered " + status + " " + error);
        }
        try {
            TokenGrant grant = json.readValue(response.body(), TokenGrant.class);
            if (grant == null || grant.accessToken() == null || grant.accessToken().isBlank()) {
                throw new TokenException(Failure.UNCERTAIN, status, "no access token in the answer");
            }
            return grant;
        } catch (IOException e) {
            throw new TokenException(Failure.UNCERTAIN, status, "unreadable token answer");
        }
    }

    /** The OAuth {@code error} code of a refusal, or {@code ""} when the body does not carry one. */
    private String errorCode(byte[] body) {
        try {
            Map<?, ?> parsed = json.readValue(body, Map.class);
            Object error = parsed == null ? null : parsed.get("error");
            return error instanceof String code ? code : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
