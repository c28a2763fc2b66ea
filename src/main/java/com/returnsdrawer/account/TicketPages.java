package com.returnsdrawer.account;

import com.returnsdrawer.orders.ReturnEligibility;
import com.returnsdrawer.shopper.Messages;
import com.returnsdrawer.shopper.Messages.Word;
import com.returnsdrawer.web.HtmlOut;

/**
 * The short pages a shopper sees when a customer-account return link does not lead to the provider: a whole
 * document (the link opens in the browser, outside any theme), in the shopper's language, every value escaped.
 */
final class TicketPages {

    private TicketPages() {
    }

    static byte[] expired(Messages m) {
        return page(m, "link-expired", m.get(Word.LINK_EXPIRED), null);
    }

    static byte[] notEligible(Messages m, ReturnEligibility.Reason reason) {
        return page(m, "not-eligible", m.get(Word.NOT_ELIGIBLE), m.reason(reason));
    }

    static byte[] notFound(Messages m) {
        return page(m, "not-found", m.get(Word.NOT_FOUND), null);
    }

    private static byte[] page(Messages m, String view, String message, String detail) {
        HtmlOut out = new HtmlOut(1024, false);
        out.raw("<!doctype html><html lang=\"").raw(m.language()).raw("\"><head><meta charset=\"utf-8\">")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .text(m.get(Word.START_RETURN)).raw("</title><style>body{font:16px/1.5 system-ui,sans-serif;")
                .raw("margin:0;padding:2rem 1rem;color:#303030}main{max-width:32rem;margin:0 auto}</style></head>")
                .raw("<body><main data-rd-view=\"").raw(view).raw("\"><h1>").text(m.get(Word.START_RETURN))
                .raw("</h1><p>").text(message).raw("</p>");
        if (detail != null) {
            out.raw("<p>").text(detail).raw("</p>");
        }
        return out.raw("</main></body></html>").toBytes();
    }
}
