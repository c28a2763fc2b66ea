package com.returnsdrawer.proxy;

import com.returnsdrawer.orders.OrderDetail;
import com.returnsdrawer.orders.OrderReader;
import com.returnsdrawer.orders.OrderSummary;
import com.returnsdrawer.returns.OrderLinkData;
import com.returnsdrawer.returns.Provider;
import com.returnsdrawer.returns.ReturnClicks;
import com.returnsdrawer.returns.ReturnLinks;
import com.returnsdrawer.settings.ReturnsSettings;
import com.returnsdrawer.settings.StorefrontShop;
import com.returnsdrawer.web.Futures;
import com.returnsdrawer.web.Redirects;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The storefront's endpoints behind Shopify's app proxy (docs/behaviour.md, App proxy). The verified shop and
 * customer arrive as {@link ProxyRequest}; every order query names both, so nothing of another customer or
 * shop can be reached. Answers come from the local database: one statement for a page of the list.
 *
 * <p>The list and the detail only read, and run on their own pool ({@value #STOREFRONT}): a webhook burst that
 * holds every thread of the blocking pool cannot hold up a shopper. The return click reads on the blocking pool
 * and hands its write to the click writers; the redirect goes out after their commit.
 */
@Controller("/proxy")
@io.micronaut.http.annotation.Produces(MediaType.ALL)
@ExecuteOn(TaskExecutors.BLOCKING)
class ProxyController {

    /** The executor of the storefront's reads (application.yml, {@code micronaut.executors.storefront}). */
    static final String STOREFRONT = "storefront";

    private static final Logger LOG = LoggerFactory.getLogger(ProxyController.class);
    static final int PAGE_SIZE = 20;
    static final MediaType LIQUID = new MediaType("application/liquid");
    private static final String TEXT_HTML = MediaType.TEXT_HTML + ";charset=utf-8";

    private final StorefrontReads reads;
    private final OrderReader orders;
    private final ReturnClicks clicks;
    private final Languages languages;

    ProxyController(StorefrontReads reads, OrderReader orders, ReturnClicks clicks, Languages languages) {
        this.reads = reads;
        this.orders = orders;
        this.clicks = clicks;
        this.languages = languages;
    }

    enum Format {
        LIQUID, HTML, JSON;

        static Format of(String value) {
            if ("html".equals(value)) {
                return HTML;
            }
            return "json".equals(value) ? JSON : LIQUID;
        }
    }

    @Serdeable
    record OrderPage(String customerId, int page, boolean hasMore, List<DrawerOrder.View> orders) {
    }

    @Get("/orders")
    @ExecuteOn(STOREFRONT)
    HttpResponse<?> list(ProxyRequest request, HttpRequest<?> http) {
        Format f = Format.of(request.parameter("format"));
        Messages m = messages(request, http);
        int p = pageNumber(request.parameter("page"));
        StorefrontReads.Page read = reads.page(request.shop(), request.customerId(), PAGE_SIZE + 1, (p - 1) * PAGE_SIZE);
        Optional<StorefrontShop> shop = read.shop();
        if (shop.isPresent() && !shop.get().installed()) {
            return notFound(f, request, m);
        }
        if (!request.loggedIn()) {
            return loginRequired(f, request, m);
        }
        ReturnsSettings shopSettings = shop.map(StorefrontShop::settings).orElse(ReturnsSettings.defaults(0));
        List<OrderSummary> rows = read.orders();
        boolean hasMore = rows.size() > PAGE_SIZE;
        List<OrderSummary> visible = hasMore ? rows.subList(0, PAGE_SIZE) : rows;
        // The list shows summaries only; JSON carries whole orders (items and fulfillments: two more queries).
        Map<Long, OrderDetail> details = f == Format.JSON ? orders.details(visible.stream().map(OrderSummary::pk).toList()) : Map.of();
        Instant now = Instant.now();
        List<DrawerOrder> drawer = new ArrayList<>(visible.size());
        for (OrderSummary o : visible) {
            drawer.add(DrawerOrder.of(o, details.get(o.pk()), shopSettings, request.pathPrefix(), now));
        }
        if (f == Format.JSON) {
            return json(HttpResponse.ok(new OrderPage(request.customerId().toString(), p, hasMore,
                    drawer.stream().map(DrawerOrder::view).toList())));
        }
        return markup(HttpResponse.ok(), f, DrawerHtml.render(f == Format.LIQUID, m,
                out -> DrawerHtml.list(out, drawer, p, hasMore, shopSettings, request, m)));
    }

    @Get("/orders/{id}")
    @ExecuteOn(STOREFRONT)
    HttpResponse<?> detail(ProxyRequest request, HttpRequest<?> http, @PathVariable String id) {
        Format f = Format.of(request.parameter("format"));
        Messages m = messages(request, http);
        Found found = find(request, id);
        if (found.uninstalled()) {
            return notFound(f, request, m);
        }
        if (!request.loggedIn()) {
            return loginRequired(f, request, m);
        }
        if (found.order() == null) {
            return notFound(f, request, m);
        }
        OrderDetail detail = orders.details(List.of(found.order().pk())).get(found.order().pk());
        DrawerOrder order = DrawerOrder.of(found.order(), detail, found.settings(), request.pathPrefix(), Instant.now());
        if (f == Format.JSON) {
            return json(HttpResponse.ok(order.view()));
        }
        return markup(HttpResponse.ok(), f, DrawerHtml.render(f == Format.LIQUID, m,
                out -> DrawerHtml.detail(out, order, found.settings(), request, m)));
    }

    /**
     * Re-checks ownership and eligibility at click time, records the click, and sends the shopper on (302) once
     * the click is committed (clicks are group-committed: {@link ReturnClicks}). A click that cannot be recorded
     * is logged and the shopper is still sent on: the merchant's count is not worth a shopper's return.
     */
    @Get("/orders/{id}/return")
    CompletableFuture<HttpResponse<?>> startReturn(ProxyRequest request, HttpRequest<?> http, @PathVariable String id) {
        Messages m = messages(request, http);
        Found found = find(request, id);
        if (found.uninstalled()) {
            return CompletableFuture.completedFuture(notFound(Format.HTML, request, m));
        }
        if (!request.loggedIn()) {
            return CompletableFuture.completedFuture(
                    markup(HttpResponse.status(HttpStatus.UNAUTHORIZED), Format.HTML,
                            DrawerHtml.render(false, m, out -> DrawerHtml.login(out, request, m))));
        }
        if (found.order() == null) {
            return CompletableFuture.completedFuture(notFound(Format.HTML, request, m));
        }
        OrderSummary o = found.order();
        Instant now = Instant.now();
        DrawerOrder order = DrawerOrder.of(o, null, found.settings(), request.pathPrefix(), now);
        if (!order.eligibility().eligible()) {
            return CompletableFuture.completedFuture(markup(HttpResponse.status(HttpStatus.CONFLICT), Format.HTML,
                    DrawerHtml.render(false, m, out -> DrawerHtml.notEligible(out, order.eligibility().reason(), request, m))));
        }
        Provider provider = Provider.byId(found.settings().provider()).orElseThrow();
        String link = ReturnLinks.build(provider, found.settings().portalUrl(),
                new OrderLinkData(o.orderId(), o.name(), o.orderNumber(), o.email(), o.zip(), o.locale() != null ? o.locale() : m.language()));
        return clicks.record(found.shopId(), o.orderId(), request.customerId(), provider, now).handle((recorded, error) -> {
            if (error != null) {
                Throwable cause = Futures.cause(error);
                LOG.warn("return click not recorded for shop {} ({}); redirecting anyway", request.shop(), cause.getMessage());
            } else {
                LOG.debug("return started for shop {} order {} via {}", request.shop(), o.orderId(), provider.id());
            }
            return Redirects.found(link);
        });
    }

    /**
     * The storefront's language: the signed {@code locale} parameter, else {@code Accept-Language}. Query values
     * come from the verifier's one parse of the signed query, not from a second parse by the framework.
     */
    private Messages messages(ProxyRequest request, HttpRequest<?> http) {
        return languages.choose(request.parameter("locale"), http.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private record Found(long shopId, boolean uninstalled, @Nullable OrderSummary order, ReturnsSettings settings) {
    }

    private Found find(ProxyRequest request, String id) {
        long orderId = orderId(id);
        StorefrontReads.One read = orderId < 0 ? new StorefrontReads.One(reads.shop(request.shop()), null)
                : reads.one(request.shop(), request.customerId(), orderId);
        Optional<StorefrontShop> shop = read.shop();
        if (shop.isEmpty()) {
            return new Found(0, false, null, ReturnsSettings.defaults(0));
        }
        if (!shop.get().installed()) {
            return new Found(shop.get().shopId(), true, null, shop.get().settings());
        }
        return new Found(shop.get().shopId(), false, read.order(), shop.get().settings());
    }

    /** An order id as the storefront sends it (digits, at most a long), else -1. */
    private static long orderId(String id) {
        if (id.isEmpty() || id.length() > 19) {
            return -1;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int pageNumber(String page) {
        try {
            int p = page == null ? 1 : Integer.parseInt(page.trim());
            return Math.max(1, Math.min(p, 10_000));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static HttpResponse<?> loginRequired(Format f, ProxyRequest request, Messages m) {
        if (f == Format.JSON) {
            return json(HttpResponse.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "login_required")));
        }
        return markup(HttpResponse.ok(), f, DrawerHtml.render(f == Format.LIQUID, m, out -> DrawerHtml.login(out, request, m)));
    }

    private static HttpResponse<?> notFound(Format f, ProxyRequest request, Messages m) {
        if (f == Format.JSON) {
            return json(HttpResponse.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not_found")));
        }
        return markup(HttpResponse.status(HttpStatus.NOT_FOUND), f,
                DrawerHtml.render(f == Format.LIQUID, m, out -> DrawerHtml.notFound(out, request, m)));
    }

    private static <T> MutableHttpResponse<T> json(MutableHttpResponse<T> response) {
        return response.contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** Markup already encoded ({@link DrawerHtml#render}): ASCII for Liquid, else UTF-8. */
    private static MutableHttpResponse<byte[]> markup(MutableHttpResponse<Object> response, Format f, byte[] body) {
        if (f == Format.LIQUID) {
            // Exactly application/liquid; non-ASCII as numeric references, so no charset is needed.
            return response.<byte[]>body(body).contentType(LIQUID);
        }
        return response.<byte[]>body(body).contentType(TEXT_HTML);
    }
}
