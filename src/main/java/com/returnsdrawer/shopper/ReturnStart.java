package com.returnsdrawer.shopper;

import com.returnsdrawer.orders.OrderSummary;
import com.returnsdrawer.orders.ReturnEligibility;
import com.returnsdrawer.returns.OrderLinkData;
import com.returnsdrawer.returns.Provider;
import com.returnsdrawer.returns.ProviderLinks;
import com.returnsdrawer.returns.ReturnClicks;
import com.returnsdrawer.returns.Surface;
import com.returnsdrawer.settings.ReturnsSettings;
import com.returnsdrawer.settings.SettingsStore;
import com.returnsdrawer.settings.StorefrontShop;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.web.Futures;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A shopper's "Start a return" click, the same on both surfaces (the drawer's return route, the customer-account
 * return ticket): ownership and eligibility are checked again at click time, the click is recorded with its
 * surface, and the shopper is sent to the provider's link (its deep-link API's, with the merchant's key). Each
 * surface answers the other outcomes with its own page. Reads on the caller's thread (one statement); neither the
 * click's commit nor the provider's answer holds a thread.
 */
@Singleton
public class ReturnStart {

    private static final Logger LOG = LoggerFactory.getLogger(ReturnStart.class);

    private final ShopperReads reads;
    private final ReturnClicks clicks;
    private final ProviderLinks links;
    private final SettingsStore settings;

    ReturnStart(ShopperReads reads, ReturnClicks clicks, ProviderLinks links, SettingsStore settings) {
        this.reads = reads;
        this.clicks = clicks;
        this.links = links;
        this.settings = settings;
    }

    /** What became of a click. */
    public sealed interface Outcome {
    }

    /** The shop is unknown or uninstalled, or the order is not this customer's in this shop. */
    public record NotFound() implements Outcome {
    }

    /** No customer is signed in. */
    public record LoginRequired() implements Outcome {
    }

    /** The order cannot be returned now, for {@code reason}. */
    public record NotEligible(ReturnEligibility.Reason reason) implements Outcome {
    }

    /** Send the shopper to the link once the future completes (it never fails). */
    public record Redirect(CompletableFuture<String> link) implements Outcome {
    }

    /**
     * The click of {@code customerId} (null: nobody signed in) on order {@code orderId} of {@code shop}; the shop's
     * state is checked first, so an uninstalled shop answers "not found" to everyone.
     */
    public Outcome start(ShopDomain shop, @Nullable Long customerId, long orderId, Surface surface, String language,
                         Instant now) {
        ShopperReads.One read = reads.forReturn(shop, customerId, orderId);
        Optional<StorefrontShop> found = read.shop();
        if (found.isEmpty() || !found.get().installed()) {
            return new NotFound();
        }
        if (customerId == null) {
            return new LoginRequired();
        }
        OrderSummary o = read.order();
        if (o == null) {
            return new NotFound();
        }
        ReturnsSettings shopSettings = found.get().settings();
        ReturnEligibility eligibility = ReturnEligibility.of(o.facts(), shopSettings.policy(), now);
        if (!eligibility.eligible()) {
            return new NotEligible(eligibility.reason());
        }
        long shopId = found.get().shopId();
        Provider provider = Provider.byId(shopSettings.provider()).orElseThrow();
        CompletableFuture<String> link = links.link(shopId, provider, shopSettings.portalUrl(),
                new OrderLinkData(o.orderId(), o.name(), o.orderNumber(), o.email(), o.zip(),
                        o.locale() != null ? o.locale() : language),
                settings.apiKey(shopSettings));
        CompletableFuture<Void> recorded = clicks.record(shopId, o.orderId(), customerId, provider, surface, now)
                .handle((done, error) -> {
                    if (error != null) {
                        // The merchant's count is not worth a shopper's return: the shopper is sent on anyway.
                        LOG.warn("return click not recorded for shop {} ({}); redirecting anyway", shop,
                                Futures.cause(error).getMessage());
                    } else {
                        LOG.debug("return started for shop {} order {} via {} ({})", shop, o.orderId(), provider.id(),
                                surface.code());
                    }
                    return null;
                });
        return new Redirect(recorded.thenCombine(link, (done, url) -> url));
    }
}
