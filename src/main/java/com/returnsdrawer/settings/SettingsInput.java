package com.returnsdrawer.settings;

import com.returnsdrawer.orders.ReturnTrigger;
import com.returnsdrawer.returns.OrderLinkData;
import com.returnsdrawer.returns.Provider;
import com.returnsdrawer.returns.ReturnLinks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A settings submission, read field by field from the JSON body so that every bad field — a wrong type as well
 * as a wrong value — is reported at once, by name (docs/behaviour.md, "Admin API").
 */
record SettingsInput(@Nullable String provider, @Nullable String portalUrl, boolean enabled, ReturnTrigger returnTrigger,
                            @Nullable Integer returnWindowDays, @Nullable String supportEmail, @Nullable String supportUrl,
                            ApiKeyChange apiKey) {

    /**
     * What the submission does to the provider API key: {@code api_key} absent keeps it, {@code null} removes it, a
     * string sets it. Write-only: {@link #toString()} never shows the key.
     */
    record ApiKeyChange(boolean given, @Nullable String key) {

        static final ApiKeyChange KEEP = new ApiKeyChange(false, null);

        boolean keeps() {
            return !given;
        }

        @Override
        public String toString() {
            return !given ? "keep" : key == null ? "remove" : "set";
        }
    }

    static final int MAX_URL = 2048;
    private static final Pattern API_KEY = Pattern.compile("^[\\x21-\\x7E]{8,256}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z_]+}");
    private static final Pattern HOST = Pattern.compile("^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");

    /** One invalid field. */
    @Serdeable
    record FieldError(String field, String message) {
    }

    /** The input, or every error found in it. */
    record Parsed(@Nullable SettingsInput input, List<FieldError> errors) {
    }

    static Parsed parse(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("body", "Send the settings as a JSON object."));
            return new Parsed(null, errors);
        }
        String provider = string(body, "provider", errors);
        String portalUrl = string(body, "portal_url", errors);
        Boolean enabled = bool(body, "enabled", errors);
        String trigger = string(body, "return_trigger", errors);
        Integer window = integer(body, "return_window_days", errors);
        String email = string(body, "support_email", errors);
        String supportUrl = string(body, "support_url", errors);
        ApiKeyChange apiKey = apiKey(body, errors);

        Provider chosen = null;
        if (provider != null) {
            chosen = Provider.byId(provider).orElse(null);
            if (chosen == null) {
                errors.add(new FieldError("provider", "Choose one of loop, aftership, parcellab, narvar or other."));
            }
        }
        boolean on = Boolean.TRUE.equals(enabled);
        if (on && provider == null) {
            errors.add(new FieldError("provider", "Choose a returns provider to turn returns on."));
        }
        if (portalUrl != null) {
            String error = portalUrlError(portalUrl, chosen);
            if (error != null) {
                errors.add(new FieldError("portal_url", error));
            }
        } else if (on) {
            errors.add(new FieldError("portal_url", "Enter your returns portal URL to turn returns on."));
        }
        ReturnTrigger returnTrigger = trigger == null ? ReturnTrigger.DELIVERED : ReturnTrigger.fromCode(trigger).orElse(null);
        if (returnTrigger == null) {
            errors.add(new FieldError("return_trigger", "Choose delivered or fulfilled."));
        }
        if (window != null && (window < 1 || window > 365)) {
            errors.add(new FieldError("return_window_days", "Enter a number of days from 1 to 365, or leave it empty for no limit."));
        }
        if (email != null && (email.length() > 320 || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldError("support_email", "Enter a valid email address, like help@example.com."));
        }
        if (supportUrl != null) {
            String error = urlError(supportUrl, false);
            if (error != null) {
                errors.add(new FieldError("support_url", error));
            }
        }
        if (apiKey.key() != null && (chosen == null || !chosen.hasLinkApi())) {
            errors.add(new FieldError("api_key", "An API key can be saved only with Loop or AfterShip."));
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, errors);
        }
        return new Parsed(new SettingsInput(provider, portalUrl, on, returnTrigger, window, email, supportUrl, apiKey), List.of());
    }

    /** The portal URL's problem, if any; a template of {@code other} is checked with its placeholders filled in. */
    static String portalUrlError(String url, Provider provider) {
        if (url.length() > MAX_URL) {
            return "The URL may be at most " + MAX_URL + " characters long.";
        }
        String candidate = url;
        if (provider == Provider.OTHER) {
            if (PLACEHOLDER.matcher(schemeAndHost(url)).find()) {
                return "Placeholders may stand only in the path, query or fragment of the URL, not in its scheme or host.";
            }
            candidate = ReturnLinks.build(Provider.OTHER, url, new OrderLinkData(1, "#1001", 1001L, "a@example.com", "10115", "en"));
        }
        return urlError(candidate, true);
    }

    /**
     * The template up to the end of its authority (the first {@code /}, {@code ?} or {@code #} after {@code //}):
     * a placeholder there could send the shopper to any host (docs/behaviour.md, "Providers and their links").
     */
    private static String schemeAndHost(String template) {
        int start = template.indexOf("//");
        int from = start < 0 ? 0 : start + 2;
        for (int i = from; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return template.substring(0, i);
            }
        }
        return template;
    }

    private static String urlError(String url, boolean httpsOnly) {
        if (url.length() > MAX_URL) {
            return "The URL may be at most " + MAX_URL + " characters long.";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "Enter a complete URL, like https://returns.example.com.";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getRawAuthority() == null) {
            return "Enter a complete URL, like https://returns.example.com.";
        }
        if (!scheme.equals("https") && (httpsOnly || !scheme.equals("http"))) {
            return "The URL must start with https://.";
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
            return "The URL must not contain a user name or password.";
        }
        String host = uri.getHost();
        if (host == null) {
            return "The URL needs a valid host name.";
        }
        try {
            host = IDN.toASCII(host).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "The URL needs a valid host name.";
        }
        if (!HOST.matcher(host).matches()) {
            return "The URL needs a valid host name.";
        }
        return null;
    }

    private static String string(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "Must be text."));
            return null;
        }
        String value = node.getStringValue().trim();
        return value.isEmpty() ? null : value;
    }

    /**
     * {@code api_key}: absent keeps, {@code null} removes, a string of 8 to 256 printable ASCII characters without
     * spaces sets. Taken as sent (never trimmed), and no message ever repeats it.
     */
    private static ApiKeyChange apiKey(JsonNode body, List<FieldError> errors) {
        JsonNode node = body.get("api_key");
        if (node == null) {
            return ApiKeyChange.KEEP;
        }
        if (node.isNull()) {
            return new ApiKeyChange(true, null);
        }
        if (!node.isString() || !API_KEY.matcher(node.getStringValue()).matches()) {
            errors.add(new FieldError("api_key", "Enter the API key as the provider shows it: 8 to 256 characters, no spaces."));
            return ApiKeyChange.KEEP;
        }
        return new ApiKeyChange(true, node.getStringValue());
    }

    private static Boolean bool(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            errors.add(new FieldError(field, "Must be true or false."));
            return null;
        }
        return node.getBooleanValue();
    }

    private static Integer integer(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || (node.isString() && node.getStringValue().isBlank())) {
            return null;
        }
        if (!node.isNumber() || node.getNumberValue().doubleValue() != Math.rint(node.getNumberValue().doubleValue())
                || Math.abs(node.getNumberValue().doubleValue()) > 100_000) {
            errors.add(new FieldError(field, "Enter a whole number of days from 1 to 365, or leave it empty for no limit."));
            return null;
        }
        return node.getNumberValue().intValue();
    }
}
