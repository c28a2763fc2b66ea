package com.returnsdrawer.account;

import com.returnsdrawer.orders.OrderDetail;
import com.returnsdrawer.orders.OrderReader;
import com.returnsdrawer.returns.Surface;
import com.returnsdrawer.session.CustomerSession;
import com.returnsdrawer.settings.StorefrontShop;
import com.returnsdrawer.shopify.ShopifyConfig;
import com.returnsdrawer.shopper.Languages;
import com.returnsdrawer.shopper.Messages;
import com.returnsdrawer.shopper.ReturnStart;
import com.returnsdrawer.shopper.ShopperOrder;
import com.returnsdrawer.shopper.ShopperReads;
import com.returnsdrawer.web.Redirects;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The customer account UI extension's routes (docs/behaviour.md, "Customer accounts"): the signed-in customer's
 * order as the drawer's {@code ORDER} JSON, whose return link is a {@link ReturnTickets ticket}, and the ticket
 * route that starts the return exactly as the drawer's return route does ({@link ReturnStart}).
 */
@Controller("/customer-account")
@Produces(MediaType.ALL)
class CustomerAccountController {

    private static final String ORDER_GID = "gid://shopify/Order/";
    private static final String TEXT_HTML = MediaType.TEXT_HTML + ";charset=utf-8";

    private final ShopperReads reads;
    private final OrderReader orders;
    private final ReturnTickets tickets;
    private final ReturnStart returns;
    private final Languages languages;
    private final String ticketBase;
    private final Clock clock;

    CustomerAccountController(ShopperReads reads, OrderReader orders, ReturnTickets tickets, ReturnStart returns,
                              Languages languages, ShopifyConfig config, Clock clock) {
        this.reads = reads;
        this.orders = orders;
        this.tickets = tickets;
        this.returns = returns;
        this.languages = languages;
        this.ticketBase = config.appBaseUrl() + "/customer-account/returns/";
        this.clock = clock;
    }

    /** The customer's order in this shop; 404 for anything else, an uninstalled shop included. */
    @Get("/orders/{id}")
    @ExecuteOn("storefront")
    HttpResponse<?> order(CustomerSession session, @PathVariable String id) {
        long orderId = orderId(id);
        if (orderId < 0) {
            return notFound();
        }
        ShopperReads.One read = reads.one(session.shop(), session.customerId(), orderId);
        Optional<StorefrontShop> shop = read.shop();
        if (shop.isEmpty() || !shop.get().installed() || read.order() == null) {
            return notFound();
        }
        Instant now = clock.instant();
        OrderDetail detail = orders.details(List.of(read.order().pk())).get(read.order().pk());
        ShopperOrder order = ShopperOrder.of(read.order(), detail, shop.get().settings(), now,
                o -> ticketBase + tickets.issue(session.shop(), session.customerId(), o.orderId(), now));
        return HttpResponse.ok(order.view()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /**
     * A ticket link opened in the browser: checked, then the same click as the drawer's (ownership and eligibility
     * again, the click recorded, 302 to the provider). Pages in the browser's language.
     */
    @Get("/returns/{ticket}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    CompletableFuture<HttpResponse<?>> startReturn(@PathVariable String ticket, HttpRequest<?> http) {
        Messages m = languages.choose(null, http.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
        Instant now = clock.instant();
        Optional<ReturnTickets.Ticket> valid = tickets.verify(ticket, now);
        if (valid.isEmpty()) {
            return page(HttpStatus.FORBIDDEN, TicketPages.expired(m));
        }
        ReturnTickets.Ticket t = valid.get();
        ReturnStart.Outcome outcome = returns.start(t.shop(), t.customerId(), t.orderId(), Surface.CUSTOMER_ACCOUNT,
                m.language(), now);
        if (outcome instanceof ReturnStart.Redirect redirect) {
            return redirect.link().thenApply(Redirects::found);
        }
        if (outcome instanceof ReturnStart.NotEligible notEligible) {
            return page(HttpStatus.CONFLICT, TicketPages.notEligible(m, notEligible.reason()));
        }
        return page(HttpStatus.NOT_FOUND, TicketPages.notFound(m));
    }

    /** {@code 123} or {@code gid://shopify/Order/123}, else -1. */
    static long orderId(String id) {
        return ShopperReads.orderId(id.startsWith(ORDER_GID) ? id.substring(ORDER_GID.length()) : id);
    }

    private static HttpResponse<?> notFound() {
        return HttpResponse.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(Map.of("error", "not_found"));
    }

    private static CompletableFuture<HttpResponse<?>> page(HttpStatus status, byte[] html) {
        return CompletableFuture.completedFuture(HttpResponse.status(status).contentType(TEXT_HTML).body(html));
    }
}
