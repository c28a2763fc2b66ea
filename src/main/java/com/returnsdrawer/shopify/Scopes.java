package com.returnsdrawer.shopify;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Access scopes as Shopify writes them (comma-separated). A granted {@code write_x} implies {@code read_x}
 * (shopify.dev: api/usage/access-scopes), so asking for {@code read_x} is satisfied by either.
 */
public final class Scopes {

    private Scopes() {
    }

    public static Set<String> parse(String scopes) {
        Set<String> set = new LinkedHashSet<>();
        if (scopes != null) {
            Arrays.stream(scopes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(set::add);
        }
        return set;
    }

    /** The scopes asked for that {@code granted} lacks (empty when all were granted). */
    public static Set<String> missing(Set<String> asked, String granted) {
        Set<String> have = parse(granted);
        Set<String> missing = new LinkedHashSet<>();
        for (String scope : asked) {
            boolean implied = scope.startsWith("read_") && have.contains("write_" + scope.substring(5));
            if (!have.contains(scope) && !implied) {
                missing.add(scope);
            }
        }
        return missing;
    }
}
