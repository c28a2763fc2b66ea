package com.returnsdrawer.returns;

/**
 * A merchant's API key for their provider's deep-link API, in clear, held only while a link is made.
 * {@link #toString()} never shows it, so no log line or exception message can carry it.
 */
public record ProviderApiKey(String value) {

    @Override
    public String toString() {
        return "ProviderApiKey[***]";
    }
}
