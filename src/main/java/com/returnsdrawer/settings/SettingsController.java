package com.returnsdrawer.settings;

import com.returnsdrawer.session.AdminSession;
import com.returnsdrawer.returns.Provider;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The merchant's returns settings ({@code /api/settings}) and the provider catalogue ({@code /api/providers}).
 * A save is a single write read straight back by every storefront request: no cache can serve the old value.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class SettingsController {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsController.class);

    private final SettingsStore store;
    private final ObjectMapper json;

    SettingsController(SettingsStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    @Serdeable
    record ProviderView(String id, String name, List<String> prefill) {
    }

    @Serdeable
    record Errors(List<SettingsInput.FieldError> errors) {
    }

    @Get("/settings")
    SettingsView get(AdminSession session) {
        return SettingsView.of(store.get(session.shopId()));
    }

    @Put("/settings")
    @Consumes(MediaType.ALL)
    HttpResponse<?> put(AdminSession session, @Body byte[] body) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            return HttpResponse.badRequest(Map.of("error", "malformed_json", "message", "The body is not valid JSON."));
        }
        SettingsInput.Parsed parsed = SettingsInput.parse(node);
        if (!parsed.errors().isEmpty()) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new Errors(parsed.errors()));
        }
        ReturnsSettings saved = store.save(session.shopId(), parsed.input());
        LOG.info("settings saved for {}: provider {}, enabled {}, api key {}", session.shop(), saved.provider(), saved.enabled(),
                parsed.input().apiKey());
        return HttpResponse.ok(SettingsView.of(saved));
    }

    @Get("/providers")
    List<ProviderView> providers() {
        return Arrays.stream(Provider.values()).map(p -> new ProviderView(p.id(), p.displayName(), p.prefill())).toList();
    }
}
