package com.returnsdrawer.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HtmlOutTest {

    private static String utf8(HtmlOut out) {
        return new String(out.toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void textIsEscapedExactlyAsHtmlEscapeDoes() {
        String hostile = "<script>alert('x')</script> & \"{{ shop.name }}\" {% raw %} ümlaut € 😀";
        assertEquals(Html.escape(hostile), utf8(new HtmlOut(4, false).text(hostile)));
        assertEquals("&lt;b&gt;&amp;&quot;&#39;&#123;&#125;", utf8(new HtmlOut(4, false).text("<b>&\"'{}")));
    }

    @Test
    void rawMarkupIsWrittenAsUtf8AsTheJdkEncodesIt() {
        String markup = "<p class=\"a\">4 items · €78.00 — 日本 😀</p>";
        assertArrayEquals(markup.getBytes(StandardCharsets.UTF_8), new HtmlOut(1, false).raw(markup).toBytes());
    }

    @Test
    void nullTextWritesNothingAndNumbersAndCharsAreWritten() {
        assertEquals("a7 -3b", utf8(new HtmlOut(16, false).raw('a').text(null).raw(7).raw(' ').raw(-3L).raw("b")));
    }

    @Test
    void asciiModeWritesEveryOtherCharacterAsANumericReference() {
        HtmlOut out = new HtmlOut(2, true).raw("Zurück · ").text("€5 <ok> 😀");
        byte[] bytes = out.toBytes();
        for (byte b : bytes) {
            assertEquals(b & 0x7F, b & 0xFF, "ASCII only");
        }
        assertEquals("Zur&#252;ck &#183; &#8364;5 &lt;ok&gt; &#128512;", new String(bytes, StandardCharsets.US_ASCII));
    }

    @Test
    void anUnpairedSurrogateBecomesTheReplacementCharacter() {
        String lone = "a\uD83Db";
        assertEquals("a\uFFFDb", utf8(new HtmlOut(1, false).text(lone)));
        assertEquals("a&#65533;b", new String(new HtmlOut(1, true).raw(lone).toBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void theBufferGrowsForLongPages() {
        String chunk = "<li>é€&amp;</li>";
        HtmlOut out = new HtmlOut(16, false);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            out.raw(chunk).text("{" + i + "}");
            expected.append(chunk).append("&#123;").append(i).append("&#125;");
        }
        assertEquals(expected.toString(), utf8(out));
        assertEquals(expected.toString().getBytes(StandardCharsets.UTF_8).length, out.length());
    }
}
