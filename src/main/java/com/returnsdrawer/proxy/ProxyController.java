package com.returnsdrawer.proxy;

import com.returnsdrawer.orders.OrderDetail;
import com.returnsdrawer.orders.OrderReader;
import com.returnsdrawer.orders.OrderSummary;
import com.returnsdrawer.returns.Surface;
import com.returnsdrawer.settings.ReturnsSettings;
import com.returnsdrawer.settings.StorefrontShop;
import com.returnsdrawer.shopper.Languages;
import com.returnsdrawer.shopper.Messages;
import com.returnsdrawer.shopper.ReturnStart;
import com.returnsdrawer.shopper.ShopperOrder;
import com.returnsdrawer.shopper.ShopperReads;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The storefront's endpoints behind Shopify's app proxy (docs/behaviour.md, App proxy). The verified shop and
 * customer arrive as {@link ProxyRequest}; every order query names both, so nothing of another customer or
 * shop can be reached. Answers come from the local database: one statement for a page of the list.
 *
 * <p>The list and the detail only read, and run on their own pool ({@value #STOREFRONT}): a webhook burst that
 * holds every thread of the blocking pool cannot hold up a shopper. The return click ({@link ReturnStart}) reads
 * on the blocking pool and hands its write to the click writers; the redirect goes out after their commit.
 */
@Controller("/proxy")
@io.micronaut.http.annotation.Produces(MediaType.ALL)
@ExecuteOn(TaskExecutors.BLOCKING)
class ProxyController {

    /** The executor of the storefront's reads (application.yml, {@code micronaut.executors.storefront}). */
    static final String STOREFRONT = "storefront";

    static final int PAGE_SIZE = 20;
    static final MediaType LIQUID = new MediaType("application/liquid");
    private static final String TEXT_HTML = MediaType.TEXT_HTML + ";charset=utf-8";

    private final ShopperReads reads;
    private final OrderReader orders;
    private final Languages languages;
    private final ReturnStart returns;

    ProxyController(ShopperReads reads, OrderReader orders, Languages languages, ReturnStart returns) {
        this.reads = reads;
        this.orders = orders;
        this.languages = languages;
        this.returns = returns;
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
    record OrderPage(String customerId, int page, boolean hasMore, List<ShopperOrder.View> orders) {
    }

    @Get("/orders")
    @ExecuteOn(STOREFRONT)
    HttpResponse<?> list(ProxyRequest request, HttpRequest<?> http) {
        Format f = Format.of(request.parameter("format"));
        Messages m = messages(request, http);
        int p = pageNumber(request.parameter("page"));
        ShopperReads.Page read = reads.page(request.shop(), request.customerId(), PAGE_SIZE + 1, (p - 1) * PAGE_SIZE);
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
        Function<OrderSummary, String> returnLink = returnLink(request);
        List<ShopperOrder> drawer = new ArrayList<>(visible.size());
        for (OrderSummary o : visible) {
            drawer.add(ShopperOrder.of(o, details.get(o.pk()), shopSettings, now, returnLink));
        }
        if (f == Format.JSON) {
            return json(HttpResponse.ok(new OrderPage(request.customerId().toString(), p, hasMore,
                    drawer.stream().map(ShopperOrder::view).toList())));
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
        ShopperOrder order = ShopperOrder.of(found.order(), detail, found.settings(), Instant.now(), returnLink(request));
        if (f == Format.JSON) {
            return json(HttpResponse.ok(order.view()));
        }
        return markup(HttpResponse.ok(), f, DrawerHtml.render(f == Format.LIQUID, m,
                out -> DrawerHtml.detail(out, order, found.settings(), request, m)));
    }

    /**
     * Re-checks ownership and eligibility at click time, records the click, and sends the shopper on (302) once
     * the click is committed ({@link ReturnStart}); neither that wait nor the provider's deep-link API holds this
     * thread.
     */
    @Get("/orders/{id}/return")
    CompletableFuture<HttpResponse<?>> startReturn(ProxyRequest request, HttpRequest<?> http, @PathVariable String id) {
        Messages m = messages(request, http);
        ReturnStart.Outcome outcome = returns.start(request.shop(), request.customerId(), ShopperReads.orderId(id),
                Surface.DRAWER, m.language(), Instant.now());
        if (outcome instanceof ReturnStart.Redirect redirect) {
            return redirect.link().thenApply(Redirects::found);
        }
        HttpResponse<?> page;
        if (outcome instanceof ReturnStart.LoginRequired) {
            page = markup(HttpResponse.status(HttpStatus.UNAUTHORIZED), Format.HTML,
                    DrawerHtml.render(false, m, out -> DrawerHtml.login(out, request, m)));
        } else if (outcome instanceof ReturnStart.NotEligible notEligible) {
            page = markup(HttpResponse.status(HttpStatus.CONFLICT), Format.HTML,
                    DrawerHtml.render(false, m, out -> DrawerHtml.notEligible(out, notEligible.reason(), request, m)));
        } else {
            page = notFound(Format.HTML, request, m);
        }
        return CompletableFuture.completedFuture(page);
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

    /** The shop and the customer's order. */
    private Found find(ProxyRequest request, String id) {
        long orderId = ShopperReads.orderId(id);
        ShopperReads.One read = orderId < 0 ? new ShopperReads.One(reads.shop(request.shop()), null)
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

    /** The drawer's return route of an order, under the proxy's path prefix. */
    private static Function<OrderSummary, String> returnLink(ProxyRequest request) {
        String orders = request.pathPrefix() + "/orders/";
        return o -> orders + o.orderId() + "/return";
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
