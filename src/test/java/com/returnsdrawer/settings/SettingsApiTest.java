package com.returnsdrawer.settings;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.AdminApi;
import com.returnsdrawer.support.Json;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.TestShops;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettingsApiTest {

    private EmbeddedServer a;
    private EmbeddedServer b;
    private Database database;

    @BeforeAll
    void start() {
        a = ApplicationContext.run(EmbeddedServer.class, TestDatabase.properties(), "test");
        b = ApplicationContext.run(EmbeddedServer.class, TestDatabase.properties(), "test");
        database = a.getApplicationContext().getBean(Database.class);
    }

    @AfterAll
    void stop() {
        a.close();
        b.close();
    }

    private ShopDomain shop() {
        ShopDomain shop = TestShops.unique("settings");
        a.getApplicationContext().getBean(ShopStore.class).findOrCreate(shop, Instant.now());
        return shop;
    }

    private static Map<String, Object> valid() {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", "loop");
        body.put("portal_url", "https://acme.loopreturns.com/#/");
        body.put("enabled", true);
        body.put("return_trigger", "delivered");
        body.put("return_window_days", 30);
        body.put("support_email", "help@acme.example");
        body.put("support_url", "https://acme.example/help");
        return body;
    }

    private HttpResponse<String> put(ShopDomain shop, Map<String, Object> body) {
        return AdminApi.put(a.getURI(), shop, "/api/settings", new String(Json.bytes(body)));
    }

    private Map<String, String> errors(HttpResponse<String> response) {
        assertEquals(422, response.statusCode(), response.body());
        List<?> errors = (List<?>) Json.read(response.body().getBytes()).get("errors");
        return errors.stream().map(e -> (Map<?, ?>) e).collect(Collectors.toMap(e -> (String) e.get("field"), e -> (String) e.get("message")));
    }

    @Test
    void newShopGetsTheDefaults() {
        HttpResponse<String> response = AdminApi.get(a.getURI(), shop(), "/api/settings");
        assertEquals(200, response.statusCode());
        Map<String, Object> body = Json.read(response.body().getBytes());
        assertTrue(body.containsKey("provider") && body.get("provider") == null, response.body());
        assertEquals(false, body.get("enabled"));
        assertEquals("delivered", body.get("return_trigger"));
        assertTrue(body.containsKey("portal_url") && body.containsKey("return_window_days") && body.containsKey("support_email")
                && body.containsKey("support_url") && body.containsKey("updated_at"), response.body());
    }

    @Test
    void savesAndReturnsTheSettingsVisibleAtOnceOnAnotherInstance() {
        ShopDomain shop = shop();
        HttpResponse<String> saved = put(shop, valid());
        assertEquals(200, saved.statusCode(), saved.body());
        Map<String, Object> body = Json.read(saved.body().getBytes());
        assertEquals("loop", body.get("provider"));
        assertEquals(30, body.get("return_window_days"));
        assertTrue(((String) body.get("updated_at")).endsWith("Z"), saved.body());
        Map<String, Object> onB = Json.read(AdminApi.get(b.getURI(), shop, "/api/settings").body().getBytes());
        assertEquals("https://acme.loopreturns.com/#/", onB.get("portal_url"));
        assertEquals(true, onB.get("enabled"));

        Map<String, Object> disabled = valid();
        disabled.put("enabled", false);
        assertEquals(200, put(shop, disabled).statusCode());
        assertEquals(false, Json.read(AdminApi.get(b.getURI(), shop, "/api/settings").body().getBytes()).get("enabled"));
    }

    @Test
    void everyValidationRuleNamesItsFieldAndSavesNothing() {
        ShopDomain shop = shop();
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("provider", Map.of("provider", "returnly"));
        cases.put("portal_url", Map.of("portal_url", "http://acme.loopreturns.com"));
        cases.put("portal_url ", Map.of("portal_url", "https://user:pw@acme.loopreturns.com"));
        cases.put("portal_url  ", Map.of("portal_url", "https://acme.example/" + "a".repeat(2048)));
        cases.put("portal_url   ", Map.of("portal_url", "not a url"));
        cases.put("portal_url    ", Map.of("portal_url", "javascript:alert(1)"));
        cases.put("portal_url     ", Map.of("portal_url", "https://"));
        cases.put("return_window_days", Map.of("return_window_days", 0));
        cases.put("return_window_days ", Map.of("return_window_days", 366));
        cases.put("return_window_days  ", Map.of("return_window_days", "ten"));
        cases.put("support_email", Map.of("support_email", "not-an-email"));
        cases.put("return_trigger", Map.of("return_trigger", "shipped"));
        cases.put("enabled", Map.of("enabled", "yes"));
        for (var c : cases.entrySet()) {
            Map<String, Object> body = valid();
            body.putAll(c.getValue());
            Map<String, String> errors = errors(put(shop, body));
            assertTrue(errors.containsKey(c.getKey().trim()), c.getKey() + " -> " + errors);
            assertTrue(!errors.get(c.getKey().trim()).isBlank());
        }
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM settings s JOIN shops p ON p.id = s.shop_id WHERE p.domain = ?", shop.value()));
    }

    @Test
    void enablingNeedsAProviderAndAUrlAndReportsBothAtOnce() {
        ShopDomain shop = shop();
        Map<String, Object> body = new HashMap<>();
        body.put("enabled", true);
        body.put("return_window_days", 500);
        Map<String, String> errors = errors(put(shop, body));
        assertEquals(java.util.Set.of("provider", "portal_url", "return_window_days"), errors.keySet());
    }

    @Test
    void otherProviderTemplatesAreValidatedWithTheirPlaceholdersFilledIn() {
        ShopDomain shop = shop();
        Map<String, Object> body = valid();
        body.put("provider", "other");
        body.put("portal_url", "https://returns.acme.example/start?order={order}&email={email}");
        assertEquals(200, put(shop, body).statusCode());
        body.put("portal_url", "http://returns.acme.example/start?order={order}");
        assertTrue(errors(put(shop, body)).containsKey("portal_url"));
    }

    @Test
    void otherProviderTemplatesTakePlaceholdersOnlyInPathQueryAndFragment() {
        ShopDomain shop = shop();
        Map<String, Object> body = valid();
        body.put("provider", "other");
        for (String outside : List.of("https://{zip}.example.com/", "https://returns.example{order}/start",
                "https://{order_name}/", "{locale}://returns.example.com/")) {
            body.put("portal_url", outside);
            assertTrue(errors(put(shop, body)).containsKey("portal_url"), outside);
        }
        for (String inside : List.of("https://returns.example.com/{zip}/start", "https://returns.example.com?o={order}",
                "https://returns.example.com/#{email}")) {
            body.put("portal_url", inside);
            assertEquals(200, put(shop, body).statusCode(), inside);
        }
    }

    @Test
    void malformedJsonIs400AndSavesNothing() {
        ShopDomain shop = shop();
        HttpResponse<String> response = AdminApi.put(a.getURI(), shop, "/api/settings", "{\"provider\": ");
        assertEquals(400, response.statusCode());
        assertNull(Json.read(AdminApi.get(a.getURI(), shop, "/api/settings").body().getBytes()).get("provider"));
    }

    @Test
    void providersAreListedWithTheirPrefill() {
        HttpResponse<String> response = AdminApi.get(a.getURI(), shop(), "/api/providers");
        assertEquals(200, response.statusCode());
        List<Map<String, Object>> providers = Json.readList(response.body());
        assertEquals(List.of("loop", "aftership", "parcellab", "narvar", "other"), providers.stream().map(p -> p.get("id")).toList());
        assertEquals("Loop", providers.get(0).get("name"));
        assertEquals(List.of("order", "email", "zip"), providers.get(0).get("prefill"));
    }

    @Test
    void previewShowsTheLinkForTheSubmittedOrSavedSettings() {
        ShopDomain shop = shop();
        HttpResponse<String> empty = AdminApi.get(a.getURI(), shop, "/api/settings/preview?provider=loop&portal_url=" +
                java.net.URLEncoder.encode("https://acme.loopreturns.com/#/", java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, empty.statusCode(), empty.body());
        Map<String, Object> preview = Json.read(empty.body().getBytes());
        assertEquals(true, preview.get("sample"));
        assertEquals("https://acme.loopreturns.com/?order=1001&email=customer%40example.com&zip=10115#/", preview.get("url"));
        assertEquals(422, AdminApi.get(a.getURI(), shop, "/api/settings/preview?provider=loop&portal_url=http%3A%2F%2Fx.example").statusCode());
        put(shop, valid());
        Map<String, Object> saved = Json.read(AdminApi.get(a.getURI(), shop, "/api/settings/preview").body().getBytes());
        assertTrue(((String) saved.get("url")).startsWith("https://acme.loopreturns.com/?order="), saved.toString());
        assertEquals(404, AdminApi.get(a.getURI(), shop, "/api/settings/preview?order_id=123").statusCode());
    }

    @Test
    void statusReportsInstallStateOrdersAndThirtyDaysOfClicks() {
        ShopDomain shop = shop();
        HttpResponse<String> response = AdminApi.get(a.getURI(), shop, "/api/status");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> status = Json.read(response.body().getBytes());
        assertEquals(true, status.get("installed"));
        assertEquals(0, status.get("orders_synced"));
        assertEquals(30, ((List<?>) status.get("return_clicks_per_day")).size());
        assertEquals(0, status.get("return_clicks_30d"));
    }

    private static final String KEY = "lp_live_Zx9-SECRET-4f2a";

    private Object sealedKey(ShopDomain shop) {
        return Sql.one(database, "SELECT s.provider_api_key FROM settings s JOIN shops p ON p.id = s.shop_id WHERE p.domain = ?",
                shop.value()).get("provider_api_key");
    }

    @Test
    void anApiKeyIsWriteOnlyAndStoredSealed() {
        ShopDomain shop = shop();
        Map<String, Object> body = valid();
        body.put("api_key", KEY);
        HttpResponse<String> saved = put(shop, body);
        assertEquals(200, saved.statusCode(), saved.body());
        assertEquals(true, Json.read(saved.body().getBytes()).get("api_key_set"));
        assertTrue(!saved.body().contains(KEY) && !saved.body().contains("Zx9"), saved.body());
        HttpResponse<String> read = AdminApi.get(b.getURI(), shop, "/api/settings");
        assertEquals(true, Json.read(read.body().getBytes()).get("api_key_set"));
        assertTrue(!read.body().contains(KEY) && !read.body().contains("api_key\""), read.body());
        String sealed = (String) sealedKey(shop);
        assertTrue(sealed.startsWith("v1.") && !sealed.contains(KEY) && !sealed.contains("SECRET"), sealed);

        // Absent keeps it; a new string replaces it; null removes it.
        assertEquals(true, Json.read(put(shop, valid()).body().getBytes()).get("api_key_set"));
        assertEquals(sealed, sealedKey(shop));
        body.put("api_key", "another-key-123");
        assertEquals(200, put(shop, body).statusCode());
        assertTrue(!sealed.equals(sealedKey(shop)));
        body.put("api_key", null);
        HttpResponse<String> removed = put(shop, body);
        assertEquals(false, Json.read(removed.body().getBytes()).get("api_key_set"));
        assertNull(sealedKey(shop));
    }

    @Test
    void anApiKeyNeedsLoopOrAftershipAndAnotherProviderRemovesIt() {
        ShopDomain shop = shop();
        Map<String, Object> body = valid();
        body.put("provider", "aftership");
        body.put("portal_url", "https://acme.returns.aftership.com/");
        body.put("api_key", KEY);
        assertEquals(true, Json.read(put(shop, body).body().getBytes()).get("api_key_set"));
        body.put("provider", "narvar");
        body.put("portal_url", "https://returns.narvar.com/acme/returns");
        Map<String, String> errors = errors(put(shop, body));
        assertEquals(java.util.Set.of("api_key"), errors.keySet());
        assertTrue(!errors.get("api_key").contains(KEY));
        body.remove("api_key");
        HttpResponse<String> narvar = put(shop, body);
        assertEquals(false, Json.read(narvar.body().getBytes()).get("api_key_set"), narvar.body());
        assertNull(sealedKey(shop));
    }

    @Test
    void anApiKeyMustBeEightTo256PrintableCharactersWithoutSpaces() {
        ShopDomain shop = shop();
        for (Object bad : new Object[] {"short", "has a space in it", " leading-space", "x".repeat(257), "tab\tinside-key", "ümlaut-key-1", 12345678, true}) {
            Map<String, Object> body = valid();
            body.put("api_key", bad);
            Map<String, String> errors = errors(put(shop, body));
            assertEquals(java.util.Set.of("api_key"), errors.keySet(), String.valueOf(bad));
            assertTrue(!errors.get("api_key").contains(String.valueOf(bad)), errors.toString());
        }
        assertEquals(0L, Sql.count(database, "SELECT COUNT(*) FROM settings s JOIN shops p ON p.id = s.shop_id WHERE p.domain = ?", shop.value()));
        Map<String, Object> body = valid();
        body.put("api_key", "x".repeat(256));
        assertEquals(200, put(shop, body).statusCode());
        body.put("api_key", "!#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~");
        assertEquals(200, put(shop, body).statusCode());
    }
}
