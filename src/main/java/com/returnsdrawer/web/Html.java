package com.returnsdrawer.web;

/**
 * HTML escaping for text and attribute values. Braces are encoded too, so escaped text can never form Liquid
 * ({@code {{ }}}, {@code {% %}}) where a page is rendered as Liquid by Shopify's app proxy.
 */
public final class Html {

    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        int first = 0;
        while (first < text.length() && !special(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char ch = text.charAt(i);
            String entity = entity(ch);
            if (entity == null) {
                out.append(ch);
            } else {
                out.append(entity);
            }
        }
        return out.toString();
    }

    /** The entity that stands for {@code ch} in escaped text, or null when {@code ch} stands for itself. */
    static String entity(char ch) {
        return switch (ch) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            case '{' -> "&#123;";
            case '}' -> "&#125;";
            default -> null;
        };
    }

    private static boolean special(char ch) {
        return entity(ch) != null;
    }
}
