package com.returnsdrawer.proxy;

import com.returnsdrawer.orders.DisplayStatus;
import com.returnsdrawer.orders.ReturnEligibility;
import com.returnsdrawer.orders.FulfillmentSnapshot;
import com.returnsdrawer.orders.OrderReturn;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.returns.OrderLinkData;
import com.returnsdrawer.returns.Provider;
import com.returnsdrawer.returns.ReturnLinks;
import com.returnsdrawer.settings.ReturnsSettings;
import com.returnsdrawer.shopper.Messages;
import com.returnsdrawer.shopper.Messages.Word;
import com.returnsdrawer.shopper.ShopperOrder;
import com.returnsdrawer.web.HtmlOut;
import com.returnsdrawer.shopify.QueryString;

import java.util.List;
import java.util.function.Consumer;

/**
 * The drawer's markup: an HTML fragment for the drawer, or a page the theme renders around it (Liquid). Every
 * value is escaped, braces included, so no text from an order can form Liquid tags or output; the markup itself
 * contains no braces. Links are built from the proxy's path prefix. Markup is written straight to bytes
 * ({@link HtmlOut}): UTF-8 for the HTML fragment, ASCII with numeric character references for Liquid.
 */
final class DrawerHtml {

    private DrawerHtml() {
    }

    /** Typical size of a page of orders, so that the buffer rarely grows. */
    private static final int PAGE_BYTES = 8192;

    /**
     * The bytes of a response: {@code body}'s markup, and for a Liquid page (rendered inside the theme) the title
     * around it, all in ASCII.
     */
    static byte[] render(boolean liquidPage, Messages m, Consumer<HtmlOut> body) {
        HtmlOut out = new HtmlOut(PAGE_BYTES, liquidPage);
        if (liquidPage) {
            out.raw("<div class=\"returns-drawer-page\" lang=\"").raw(m.language()).raw("\"><h1>").text(m.get(Word.TITLE))
                    .raw("</h1>");
        }
        body.accept(out);
        if (liquidPage) {
            out.raw("</div>");
        }
        return out.toBytes();
    }

    static void list(HtmlOut out, List<ShopperOrder> orders, int page, boolean hasMore, ReturnsSettings settings,
                     ProxyRequest request, Messages m) {
        out.raw("<div class=\"rd-list\" data-rd-view=\"list\" lang=\"").raw(m.language()).raw("\">");
        if (orders.isEmpty() && page == 1) {
            out.raw("<p class=\"rd-empty\">").text(m.get(Word.EMPTY)).raw("</p>");
        }
        out.raw("<ul class=\"rd-orders\">");
        for (ShopperOrder o : orders) {
            var s = o.order();
            out.raw("<li class=\"rd-order\"><a class=\"rd-order__link\" data-rd-nav href=\"")
                    .text(request.pathPrefix() + "/orders/" + o.id() + "?format=html&locale=" + m.language()).raw("\">");
            if (s.imageUrl() != null) {
                out.raw("<img class=\"rd-order__thumb\" src=\"").text(s.imageUrl())
                        .raw("\" alt=\"\" width=\"48\" height=\"48\" loading=\"lazy\">");
            }
            out.raw("<span class=\"rd-order__name\">").text(s.name()).raw("</span>")
                    .raw("<span class=\"rd-order__date\">").text(m.date(s.createdAt())).raw("</span>")
                    .raw("<span class=\"rd-status rd-status--").text(s.displayStatus().code()).raw("\">")
                    .text(m.status(s.displayStatus())).raw("</span>")
                    .raw("<span class=\"rd-order__meta\">").raw(s.itemCount()).raw(' ')
                    .text(m.get(s.itemCount() == 1 ? Word.ITEM : Word.ITEMS)).raw(" · ")
                    .text(m.money(s.totalPrice(), s.currency())).raw("</span></a>");
            if (o.returnUrl() != null) {
                out.raw("<a class=\"rd-button rd-button--return\" href=\"").text(o.returnUrl()).raw("\">")
                        .text(m.get(Word.START_RETURN)).raw("</a>");
            }
            out.raw("</li>");
        }
        out.raw("</ul>");
        if (hasMore) {
            out.raw("<a class=\"rd-more\" data-rd-nav href=\"")
                    .text(request.pathPrefix() + "/orders?format=html&page=" + (page + 1) + "&locale=" + m.language())
                    .raw("\">").text(m.get(Word.MORE)).raw("</a>");
        }
        help(out, settings, m);
        out.raw("</div>");
    }

    static void detail(HtmlOut out, ShopperOrder o, ReturnsSettings settings, ProxyRequest request, Messages m) {
        var s = o.order();
        out.raw("<div class=\"rd-detail\" data-rd-view=\"detail\" lang=\"").raw(m.language()).raw("\">")
                .raw("<a class=\"rd-back\" data-rd-nav href=\"")
                .text(request.pathPrefix() + "/orders?format=html&locale=" + m.language()).raw("\">")
                .text(m.get(Word.BACK)).raw("</a>")
                .raw("<h2 class=\"rd-detail__name\">").text(s.name()).raw("</h2>")
                .raw("<p class=\"rd-detail__meta\">").text(m.get(Word.ORDERED)).raw(' ')
                .text(m.date(s.createdAt())).raw(" · <span class=\"rd-status rd-status--")
                .text(s.displayStatus().code()).raw("\">").text(m.status(s.displayStatus()))
                .raw("</span></p>");
        returns(out, o.returns(), m);
        out.raw("<ul class=\"rd-items\">");
        for (OrderSnapshot.LineItem item : o.lineItems()) {
            out.raw("<li class=\"rd-item\">");
            if (item.imageUrl() != null) {
                out.raw("<img class=\"rd-item__thumb\" src=\"").text(item.imageUrl())
                        .raw("\" alt=\"\" width=\"48\" height=\"48\" loading=\"lazy\">");
            }
            out.raw("<span class=\"rd-item__title\">").text(item.title()).raw("</span>");
            if (item.variantTitle() != null) {
                out.raw("<span class=\"rd-item__variant\">").text(item.variantTitle()).raw("</span>");
            }
            out.raw("<span class=\"rd-item__qty\">").text(m.get(Word.QTY)).raw(' ').raw(item.quantity())
                    .raw("</span><span class=\"rd-item__price\">").text(m.money(item.price(), s.currency()))
                    .raw("</span></li>");
        }
        out.raw("</ul><p class=\"rd-total\">").text(m.get(Word.TOTAL)).raw(' ')
                .text(m.money(s.totalPrice(), s.currency())).raw("</p>");
        int n = 0;
        for (FulfillmentSnapshot f : o.fulfillments()) {
            if (!f.successful()) {
                continue;
            }
            n++;
            // A carrier state the drawer names, else plain "shipped".
            DisplayStatus state = DisplayStatus.of(false, "fulfilled", List.of(f));
            out.raw("<section class=\"rd-shipment\"><h3>").text(m.get(Word.SHIPMENT)).raw(' ').raw(n).raw("</h3>")
                    .raw("<p class=\"rd-status rd-status--").text(state.code()).raw("\">")
                    .text(m.status(state)).raw("</p>");
            for (FulfillmentSnapshot.Tracking t : f.tracking()) {
                out.raw("<p class=\"rd-tracking\">").text(t.company());
                if (t.number() != null) {
                    out.raw(' ');
                    if (t.url() != null && (t.url().startsWith("https://") || t.url().startsWith("http://"))) {
                        out.raw("<a href=\"").text(t.url()).raw("\" target=\"_blank\" rel=\"noopener noreferrer\">")
                                .text(t.number()).raw("</a>");
                    } else {
                        out.text(t.number());
                    }
                }
                out.raw("</p>");
            }
            out.raw("</section>");
        }
        if (o.returnUrl() != null) {
            out.raw("<a class=\"rd-button rd-button--return\" href=\"").text(o.returnUrl()).raw("\">")
                    .text(m.get(Word.START_RETURN)).raw("</a>");
            Provider provider = Provider.byId(settings.provider()).orElse(null);
            if (provider != null && !ReturnLinks.prefillsOrder(provider, settings.portalUrl())) {
                String ref = new OrderLinkData(s.orderId(), s.name(), s.orderNumber(), s.email(), s.zip(), null).orderRef();
                out.raw("<p class=\"rd-hint\">").text(s.email() == null
                        ? String.format(m.get(Word.USE_ORDER_ONLY), ref)
                        : String.format(m.get(Word.USE_ORDER), ref, s.email())).raw("</p>");
            }
        } else if (o.eligibility().reason() != ReturnEligibility.Reason.RETURNS_DISABLED) {
            out.raw("<p class=\"rd-reason\">").text(m.reason(o.eligibility().reason())).raw("</p>");
        }
        if (o.buyAgainUrl() != null) {
            out.raw("<a class=\"rd-button rd-button--secondary\" href=\"").text(o.buyAgainUrl()).raw("\">")
                    .text(m.get(Word.BUY_AGAIN)).raw("</a>");
        }
        help(out, settings, m);
        out.raw("</div>");
    }

    /** Each return that has started, in words, oldest first; nothing when there is none. */
    private static void returns(HtmlOut out, List<OrderReturn> returns, Messages m) {
        if (returns.isEmpty()) {
            return;
        }
        out.raw("<ul class=\"rd-returns\">");
        for (OrderReturn r : returns) {
            out.raw("<li class=\"rd-return rd-return--").text(r.status().code()).raw("\">")
                    .text(m.returnStatus(r.status())).raw("</li>");
        }
        out.raw("</ul>");
    }

    static void login(HtmlOut out, ProxyRequest request, Messages m) {
        String returnUrl = request.pathPrefix() + "/orders";
        out.raw("<div class=\"rd-login\" data-rd-view=\"login\" lang=\"").raw(m.language()).raw("\"><p>").text(m.get(Word.LOGIN))
                .raw("</p><a class=\"rd-button\" href=\"")
                .text("/account/login?return_url=" + QueryString.encode(returnUrl))
                .raw("\">").text(m.get(Word.LOGIN_LINK)).raw("</a></div>");
    }

    static void notFound(HtmlOut out, ProxyRequest request, Messages m) {
        out.raw("<div class=\"rd-missing\" data-rd-view=\"not-found\" lang=\"").raw(m.language()).raw("\"><p>")
                .text(m.get(Word.NOT_FOUND)).raw("</p><a class=\"rd-back\" data-rd-nav href=\"")
                .text(request.pathPrefix() + "/orders?format=html&locale=" + m.language()).raw("\">").text(m.get(Word.BACK))
                .raw("</a></div>");
    }

    static void notEligible(HtmlOut out, ReturnEligibility.Reason reason, ProxyRequest request, Messages m) {
        out.raw("<div class=\"rd-not-eligible\" data-rd-view=\"not-eligible\" data-reason=\"").text(reason.code())
                .raw("\" lang=\"").raw(m.language()).raw("\"><p>").text(m.get(Word.NOT_ELIGIBLE)).raw("</p><p>")
                .text(m.reason(reason)).raw("</p><a class=\"rd-back\" href=\"").text(request.pathPrefix() + "/orders")
                .raw("\">").text(m.get(Word.BACK)).raw("</a></div>");
    }

    private static void help(HtmlOut out, ReturnsSettings settings, Messages m) {
        if (settings.supportEmail() == null && settings.supportUrl() == null) {
            return;
        }
        out.raw("<p class=\"rd-help\">").text(m.get(Word.HELP)).raw(' ');
        if (settings.supportUrl() != null) {
            out.raw("<a href=\"").text(settings.supportUrl()).raw("\" target=\"_blank\" rel=\"noopener\">")
                    .text(settings.supportUrl().replaceFirst("^https?://", "")).raw("</a>");
        }
        if (settings.supportEmail() != null) {
            if (settings.supportUrl() != null) {
                out.raw(" · ");
            }
            out.raw("<a href=\"mailto:").text(settings.supportEmail()).raw("\">").text(settings.supportEmail()).raw("</a>");
        }
        out.raw("</p>");
    }
}
