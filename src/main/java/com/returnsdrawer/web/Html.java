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
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '{' -> out.append("&#123;");
                case '}' -> out.append("&#125;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static boolean special(char ch) {
        return ch == '&' || ch == '<' || ch == '>' || ch == '"' || ch == '\'' || ch == '{' || ch == '}';
    }
}
