package com.returnsdrawer.proxy;

import com.returnsdrawer.orders.DisplayStatus;
import com.returnsdrawer.orders.FulfillmentSnapshot;
import com.returnsdrawer.orders.OrderSnapshot;
import com.returnsdrawer.returns.OrderLinkData;
import com.returnsdrawer.returns.Provider;
import com.returnsdrawer.returns.ReturnLinks;
import com.returnsdrawer.settings.ReturnsSettings;
import com.returnsdrawer.web.Html;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The drawer's markup: an HTML fragment for the drawer, or a page the theme renders around it (Liquid). Every
 * value is escaped, braces included, so no text from an order can form Liquid tags or output; the markup itself
 * contains no braces. Links are built from the proxy's path prefix.
 */
final class DrawerHtml {

    private DrawerHtml() {
    }

    static String esc(String text) {
        return Html.escape(text);
    }

    static String wrap(String body, boolean page, Messages m) {
        if (!page) {
            return body;
        }
        return "<div class=\"returns-drawer-page\" lang=\"" + m.language() + "\"><h1>" + esc(m.get("title")) + "</h1>"
                + body + "</div>";
    }

    static String list(List<DrawerOrder> orders, int page, boolean hasMore, ReturnsSettings settings, ProxyRequest request,
                       Messages m) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<div class=\"rd-list\" data-rd-view=\"list\" lang=\"").append(m.language()).append("\">");
        if (orders.isEmpty() && page == 1) {
            out.append("<p class=\"rd-empty\">").append(esc(m.get("empty"))).append("</p>");
        }
        out.append("<ul class=\"rd-orders\">");
        for (DrawerOrder o : orders) {
            var s = o.order();
            out.append("<li class=\"rd-order\"><a class=\"rd-order__link\" data-rd-nav href=\"")
                    .append(esc(o.detailUrl() + "?format=html&locale=" + m.language())).append("\">");
            if (s.imageUrl() != null) {
                out.append("<img class=\"rd-order__thumb\" src=\"").append(esc(s.imageUrl()))
                        .append("\" alt=\"\" width=\"48\" height=\"48\" loading=\"lazy\">");
            }
            out.append("<span class=\"rd-order__name\">").append(esc(s.name())).append("</span>")
                    .append("<span class=\"rd-order__date\">").append(esc(m.date(s.createdAt()))).append("</span>")
                    .append("<span class=\"rd-status rd-status--").append(esc(s.displayStatus())).append("\">")
                    .append(esc(m.get("status." + s.displayStatus()))).append("</span>")
                    .append("<span class=\"rd-order__meta\">").append(s.itemCount()).append(' ')
                    .append(esc(m.get(s.itemCount() == 1 ? "item" : "items"))).append(" · ")
                    .append(esc(m.money(s.totalPrice(), s.currency()))).append("</span></a>");
            if (o.returnUrl() != null) {
                out.append("<a class=\"rd-button rd-button--return\" href=\"").append(esc(o.returnUrl())).append("\">")
                        .append(esc(m.get("start_return"))).append("</a>");
            }
            out.append("</li>");
        }
        out.append("</ul>");
        if (hasMore) {
            out.append("<a class=\"rd-more\" data-rd-nav href=\"")
                    .append(esc(request.pathPrefix() + "/orders?format=html&page=" + (page + 1) + "&locale=" + m.language()))
                    .append("\">").append(esc(m.get("more"))).append("</a>");
        }
        help(out, settings, m);
        out.append("</div>");
        return out.toString();
    }

    static String detail(DrawerOrder o, ReturnsSettings settings, ProxyRequest request, Messages m) {
        var s = o.order();
        StringBuilder out = new StringBuilder(4096);
        out.append("<div class=\"rd-detail\" data-rd-view=\"detail\" lang=\"").append(m.language()).append("\">")
                .append("<a class=\"rd-back\" data-rd-nav href=\"")
                .append(esc(request.pathPrefix() + "/orders?format=html&locale=" + m.language())).append("\">")
                .append(esc(m.get("back"))).append("</a>")
                .append("<h2 class=\"rd-detail__name\">").append(esc(s.name())).append("</h2>")
                .append("<p class=\"rd-detail__meta\">").append(esc(m.get("ordered"))).append(' ')
                .append(esc(m.date(s.createdAt()))).append(" · <span class=\"rd-status rd-status--")
                .append(esc(s.displayStatus())).append("\">").append(esc(m.get("status." + s.displayStatus())))
                .append("</span></p>");
        out.append("<ul class=\"rd-items\">");
        for (OrderSnapshot.LineItem item : o.lineItems()) {
            out.append("<li class=\"rd-item\">");
            if (item.imageUrl() != null) {
                out.append("<img class=\"rd-item__thumb\" src=\"").append(esc(item.imageUrl()))
                        .append("\" alt=\"\" width=\"48\" height=\"48\" loading=\"lazy\">");
            }
            out.append("<span class=\"rd-item__title\">").append(esc(item.title())).append("</span>");
            if (item.variantTitle() != null) {
                out.append("<span class=\"rd-item__variant\">").append(esc(item.variantTitle())).append("</span>");
            }
            out.append("<span class=\"rd-item__qty\">").append(esc(m.get("qty"))).append(' ').append(item.quantity())
                    .append("</span><span class=\"rd-item__price\">").append(esc(m.money(item.price(), s.currency())))
                    .append("</span></li>");
        }
        out.append("</ul><p class=\"rd-total\">").append(esc(m.get("total"))).append(' ')
                .append(esc(m.money(s.totalPrice(), s.currency()))).append("</p>");
        int n = 0;
        for (FulfillmentSnapshot f : o.fulfillments()) {
            if (!f.successful()) {
                continue;
            }
            n++;
            // A carrier state the drawer names, else plain "shipped".
            String state = DisplayStatus.of(false, "fulfilled", List.of(f));
            out.append("<section class=\"rd-shipment\"><h3>").append(esc(m.get("shipment"))).append(' ').append(n).append("</h3>")
                    .append("<p class=\"rd-status rd-status--").append(esc(state)).append("\">")
                    .append(esc(m.get("status." + state))).append("</p>");
            for (FulfillmentSnapshot.Tracking t : f.tracking()) {
                out.append("<p class=\"rd-tracking\">").append(esc(t.company()));
                if (t.number() != null) {
                    out.append(' ');
                    if (t.url() != null && (t.url().startsWith("https://") || t.url().startsWith("http://"))) {
                        out.append("<a href=\"").append(esc(t.url())).append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
                                .append(esc(t.number())).append("</a>");
                    } else {
                        out.append(esc(t.number()));
                    }
                }
                out.append("</p>");
            }
            out.append("</section>");
        }
        if (o.returnUrl() != null) {
            out.append("<a class=\"rd-button rd-button--return\" href=\"").append(esc(o.returnUrl())).append("\">")
                    .append(esc(m.get("start_return"))).append("</a>");
            Provider provider = Provider.byId(settings.provider()).orElse(null);
            if (provider != null && !ReturnLinks.prefillsOrder(provider, settings.portalUrl())) {
                String ref = new OrderLinkData(s.orderId(), s.name(), s.orderNumber(), s.email(), s.zip(), null).orderRef();
                out.append("<p class=\"rd-hint\">").append(s.email() == null
                        ? esc(String.format(m.get("use_order_only"), ref))
                        : esc(String.format(m.get("use_order"), ref, s.email()))).append("</p>");
            }
        } else if (!"returns_disabled".equals(o.eligibility().reason())) {
            out.append("<p class=\"rd-reason\">").append(esc(m.get("reason." + o.eligibility().reason()))).append("</p>");
        }
        if (o.buyAgainUrl() != null) {
            out.append("<a class=\"rd-button rd-button--secondary\" href=\"").append(esc(o.buyAgainUrl())).append("\">")
                    .append(esc(m.get("buy_again"))).append("</a>");
        }
        help(out, settings, m);
        out.append("</div>");
        return out.toString();
    }

    static String login(ProxyRequest request, Messages m) {
        String returnUrl = request.pathPrefix() + "/orders";
        return "<div class=\"rd-login\" data-rd-view=\"login\" lang=\"" + m.language() + "\"><p>" + esc(m.get("login"))
                + "</p><a class=\"rd-button\" href=\"" + esc("/account/login?return_url=" + URLEncoder.encode(returnUrl, StandardCharsets.UTF_8))
                + "\">" + esc(m.get("login_link")) + "</a></div>";
    }

    static String notFound(ProxyRequest request, Messages m) {
        return "<div class=\"rd-missing\" data-rd-view=\"not-found\" lang=\"" + m.language() + "\"><p>" + esc(m.get("not_found"))
                + "</p><a class=\"rd-back\" data-rd-nav href=\"" + esc(request.pathPrefix() + "/orders?format=html&locale=" + m.language())
                + "\">" + esc(m.get("back")) + "</a></div>";
    }

    static String notEligible(String reason, ProxyRequest request, Messages m) {
        return "<div class=\"rd-not-eligible\" data-rd-view=\"not-eligible\" data-reason=\"" + esc(reason) + "\" lang=\""
                + m.language() + "\"><p>" + esc(m.get("not_eligible")) + "</p><p>" + esc(m.get("reason." + reason))
                + "</p><a class=\"rd-back\" href=\"" + esc(request.pathPrefix() + "/orders") + "\">" + esc(m.get("back"))
                + "</a></div>";
    }

    private static void help(StringBuilder out, ReturnsSettings settings, Messages m) {
        if (settings.supportEmail() == null && settings.supportUrl() == null) {
            return;
        }
        out.append("<p class=\"rd-help\">").append(esc(m.get("help"))).append(' ');
        if (settings.supportUrl() != null) {
            out.append("<a href=\"").append(esc(settings.supportUrl())).append("\" target=\"_blank\" rel=\"noopener\">")
                    .append(esc(settings.supportUrl().replaceFirst("^https?://", ""))).append("</a>");
        }
        if (settings.supportEmail() != null) {
            if (settings.supportUrl() != null) {
                out.append(" · ");
            }
            out.append("<a href=\"mailto:").append(esc(settings.supportEmail())).append("\">").append(esc(settings.supportEmail())).append("</a>");
        }
        out.append("</p>");
    }
}
