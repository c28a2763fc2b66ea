package com.returnsdrawer.settings;

import com.returnsdrawer.session.AdminSession;
import com.returnsdrawer.orders.OrderReader;
import com.returnsdrawer.orders.OrderSummary;
import com.returnsdrawer.returns.OrderLinkData;
import com.returnsdrawer.returns.Provider;
import com.returnsdrawer.returns.ReturnLinks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/settings/preview}: the link a shopper would be sent to, for a given order, the newest
 * delivered one, or a sample — with the saved settings, or with {@code provider}/{@code portal_url} as the
 * merchant is typing them.
 */
@Controller("/api/settings/preview")
@ExecuteOn(TaskExecutors.BLOCKING)
class PreviewController {

    static final OrderLinkData SAMPLE = new OrderLinkData(1001L, "#1001", 1001L, "customer@example.com", "10115", "en");

    private final SettingsStore settings;
    private final OrderReader orders;

    PreviewController(SettingsStore settings, OrderReader orders) {
        this.settings = settings;
        this.orders = orders;
    }

    @Serdeable
    record Preview(@Nullable String url, @Nullable String provider, String orderId, @Nullable String orderName,
                   boolean sample, boolean prefillsOrder) {
    }

    @Get
    HttpResponse<?> preview(AdminSession session, @Nullable @QueryValue("order_id") String orderId,
                            @Nullable @QueryValue String provider, @Nullable @QueryValue("portal_url") String portalUrl) {
        ReturnsSettings saved = settings.get(session.shopId());
        String providerId = provider != null && !provider.isBlank() ? provider : saved.provider();
        String url = portalUrl != null && !portalUrl.isBlank() ? portalUrl.trim() : saved.portalUrl();
        Optional<Provider> chosen = providerId == null ? Optional.empty() : Provider.byId(providerId);
        if (providerId != null && chosen.isEmpty()) {
            return unprocessable("provider", "Choose one of loop, aftership, parcellab, narvar or other.");
        }
        if (url != null) {
            String error = SettingsInput.portalUrlError(url, chosen.orElse(null));
            if (error != null) {
                return unprocessable("portal_url", error);
            }
        }
        Optional<OrderSummary> order;
        if (orderId != null && !orderId.isBlank()) {
            try {
                order = orders.findInShop(session.shopId(), Long.parseLong(orderId.trim()));
            } catch (NumberFormatException e) {
                return unprocessable("order_id", "Enter an order id (digits only).");
            }
            if (order.isEmpty()) {
                return HttpResponse.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not_found"));
            }
        } else {
            order = orders.newestForPreview(session.shopId());
        }
        OrderLinkData data = order.map(o -> new OrderLinkData(o.orderId(), o.name(), o.orderNumber(), o.email(), o.zip(), o.locale()))
                .orElse(SAMPLE);
        String link = chosen.isPresent() && url != null ? ReturnLinks.build(chosen.get(), url, data) : null;
        return HttpResponse.ok(new Preview(link, chosen.map(Provider::id).orElse(null), Long.toString(data.orderId()),
                data.name(), order.isEmpty(), chosen.isPresent() && url != null && ReturnLinks.prefillsOrder(chosen.get(), url)));
    }

    private static HttpResponse<?> unprocessable(String field, String message) {
        return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body(new SettingsController.Errors(List.of(new SettingsInput.FieldError(field, message))));
    }
}
