package com.returnsdrawer.browser;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.returnsdrawer.settings.SettingsStore;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shop.ShopTokens;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.TokenGrant;
import com.returnsdrawer.support.Browser;
import com.returnsdrawer.support.BrowserApp;
import com.returnsdrawer.support.SessionTokens;
import com.returnsdrawer.support.ShopifySigner;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded admin page in Chromium, as the Shopify admin loads it: the signed app-home URL with an id token,
 * App Bridge and Polaris answered by the test stand-ins ({@code src/test/resources/standins}), the app's real API
 * behind it. Each test uses its own shop, so the states do not leak into each other. Screenshots go to
 * {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPageTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BrowserApp app;
    private EmbeddedServer server;
    private Browser browser;

    @BeforeAll
    void start() {
        app = BrowserApp.start("adminpage");
        server = app.server();
        browser = app.browser();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** An installed shop with a usable token, as after Shopify's managed install. */
    private ShopDomain installed(String name) {
        ShopDomain shop = ShopDomain.parse(name + ".myshopify.com").orElseThrow();
        server.getApplicationContext().getBean(ShopTokens.class)
                .store(shop, new TokenGrant("shpat_test_" + name, "read_orders,read_returns,write_app_proxy", null, null, null));
        return shop;
    }

    /** Saves settings as the page's fetch would (a fresh connection each time). */
    private HttpResponse<String> putSettings(ShopDomain shop, String json) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.getURI().resolve("/api/settings"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + SessionTokens.valid(shop))
                    .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long shopId(ShopDomain shop) {
        return server.getApplicationContext().getBean(ShopStore.class).find(shop).orElseThrow().id();
    }

    /** The app's home as the Shopify admin opens it: signed, embedded, with an id token and the admin's locale. */
    private String home(ShopDomain shop, String locale) {
        String host = Base64.getEncoder().withoutPadding().encodeToString(("admin.shopify.com/store/" + shop.value().replace(".myshopify.com", ""))
                .getBytes(StandardCharsets.UTF_8));
        return server.getURI().resolve("/?" + ShopifySigner.signedAdminQuery(ShopifySigner.SECRET, Map.of(
                "embedded", "1", "shop", shop.value(), "host", host, "locale", locale,
                "timestamp", Long.toString(Instant.now().getEpochSecond()), "id_token", SessionTokens.valid(shop)))).toString();
    }

    /** Pages opened by the current test, closed after it (one browser for the class, a fresh context per page). */
    private final List<Page> pages = new ArrayList<>();

    @AfterEach
    void closePages() {
        pages.forEach(p -> p.context().close());
        pages.clear();
    }

    private Page adminPage(int width, int height, ShopDomain shop) {
        Page page = browser.adminPage(width, height, shop);
        pages.add(page);
        return page;
    }

    private Page open(ShopDomain shop, String locale, int width, int height) {
        Page page = adminPage(width, height, shop);
        page.navigate(home(shop, locale));
        return page;
    }

    private static Object js(Page page, String expression) {
        return page.evaluate(expression);
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot(name)).setFullPage(true));
    }

    private static Locator saveBar(Page page) {
        return page.locator("#standin-save-bar");
    }

    private static Locator errorOf(Page page, String field) {
        return page.locator("#" + field + " .error");
    }

    @Test
    void loadingThenANeverSavedShop() {
        ShopDomain shop = installed("admin-fresh");
        Page page = adminPage(1280, 900, shop);
        List<Route> held = new ArrayList<>();
        page.route("**/api/settings", route -> held.add(route));
        page.navigate(home(shop, "en-US"));
        assertThat(page.locator("#loading")).isVisible();
        assertThat(page.locator("#settings")).isHidden();
        assertThat(page.locator("s-page")).hasAttribute("heading", "Returns Drawer");
        screenshot(page, "admin-loading");
        page.waitForCondition(() -> !held.isEmpty());
        held.get(0).resume();

        assertThat(page.locator("#settings")).isVisible();
        assertThat(page.locator("#loading")).isHidden();
        assertEquals("", js(page, "document.getElementById('provider').value"));
        assertEquals(false, js(page, "document.getElementById('enabled').checked"));
        assertEquals("delivered", js(page, "document.getElementById('return_trigger').values[0]"));
        assertEquals("", js(page, "document.getElementById('return_window_days').value"));
        assertThat(page.locator("#state-badge")).hasText("Returns off");
        assertThat(page.locator("#toggle-returns")).hasText("Turn returns on");
        assertThat(page.locator("#api_key-box")).isHidden();
        assertThat(page.locator("#install-badge")).hasText("Installed");
        assertThat(page.locator("#status-orders")).hasText("0");
        assertThat(page.locator("#clicks-summary")).hasText("No returns started in the last 30 days.");
        assertThat(page.locator("#clicks-svg g")).hasCount(30);
        assertThat(page.locator("#requests-empty")).isVisible();
        assertThat(page.locator("#preview-empty")).hasText("Choose a provider and enter your portal URL.");
        assertThat(saveBar(page)).isHidden();
        // Every call carried App Bridge's session token (the stand-in counts them); none was refused.
        assertTrue(((Number) js(page, "window.__standIn.authorized")).intValue() >= 4);
    }

    @Test
    void aSavedShopShowsItsSettingsAndDiscardRestoresThem() {
        ShopDomain shop = installed("admin-saved");
        var put = putSettings(shop, """
                {"provider":"narvar","portal_url":"https://returns.narvar.com/acme/returns?locale=en_US","enabled":true,
                 "return_trigger":"fulfilled","return_window_days":30,"support_email":"help@acme.test","support_url":null}""");
        assertEquals(200, put.statusCode(), put.body());
        Page page = open(shop, "en", 1280, 900);
        assertThat(page.locator("#settings")).isVisible();
        assertEquals("narvar", js(page, "document.getElementById('provider').value"));
        assertEquals("https://returns.narvar.com/acme/returns?locale=en_US", js(page, "document.getElementById('portal_url').value"));
        assertEquals(true, js(page, "document.getElementById('enabled').checked"));
        assertEquals("fulfilled", js(page, "document.getElementById('return_trigger').values[0]"));
        assertEquals("30", js(page, "document.getElementById('return_window_days').value"));
        assertEquals("help@acme.test", js(page, "document.getElementById('support_email').value"));
        assertThat(page.locator("#state-badge")).hasText("Returns on");
        assertThat(page.locator("#toggle-returns")).hasText("Turn returns off");
        assertThat(page.locator("#preview-link")).containsText("https://returns.narvar.com/acme/returns?locale=en_US&order=");
        assertThat(page.locator("#provider .details")).hasText("The link fills in: order number, postal code.");
        assertThat(saveBar(page)).isHidden();

        // A change brings up the save bar; Discard puts every field back to the saved value.
        page.locator("#portal_url input").fill("https://returns.narvar.com/other/returns");
        assertThat(saveBar(page)).isVisible();
        page.locator("#return_window_days input").fill("90");
        page.locator("#enabled input").uncheck();
        page.locator("#return_trigger input[value=delivered]").check();
        page.locator("#provider select").selectOption("parcellab");
        screenshot(page, "admin-unsaved");
        saveBar(page).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Discard").setExact(true)).click();
        assertThat(saveBar(page)).isHidden();
        assertEquals("https://returns.narvar.com/acme/returns?locale=en_US", js(page, "document.getElementById('portal_url').value"));
        assertEquals("https://returns.narvar.com/acme/returns?locale=en_US", page.locator("#portal_url input").inputValue());
        assertEquals("30", js(page, "document.getElementById('return_window_days').value"));
        assertEquals(true, js(page, "document.getElementById('enabled').checked"));
        assertEquals("fulfilled", js(page, "document.getElementById('return_trigger').values[0]"));
        assertEquals("narvar", js(page, "document.getElementById('provider').value"));
        assertEquals("narvar", page.locator("#provider select").inputValue());
        assertEquals("narvar", server.getApplicationContext().getBean(SettingsStore.class).get(shopId(shop)).provider());

        // Change back and forth: no difference left, no save bar.
        page.locator("#return_window_days input").fill("31");
        assertThat(saveBar(page)).isVisible();
        page.locator("#return_window_days input").fill("30");
        assertEquals(List.of(), js(page, "window.__standIn.changed()"));
        assertThat(saveBar(page)).isHidden();
    }

    @Test
    void saveFromTheSaveBarShowsAToastAndTakesEffect() {
        ShopDomain shop = installed("admin-save");
        Page page = open(shop, "en", 1280, 900);
        assertThat(page.locator("#settings")).isVisible();
        page.locator("#provider select").selectOption("loop");
        page.locator("#portal_url input").fill("https://acme.loopreturns.com/#/");
        assertThat(page.locator("#preview-link")).containsText("https://acme.loopreturns.com/?order=1001");
        page.locator("#enabled input").check();
        page.locator("#return_window_days input").fill("45");
        page.waitForResponse(r -> r.url().endsWith("/api/settings") && "PUT".equals(r.request().method()),
                () -> saveBar(page).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click());
        assertThat(page.locator(".standin-toast")).hasText("Saved. The Start a return button is live.");
        assertThat(saveBar(page)).isHidden();
        assertThat(page.locator("#state-badge")).hasText("Returns on");
        var settings = server.getApplicationContext().getBean(SettingsStore.class).get(shopId(shop));
        assertEquals("loop", settings.provider());
        assertTrue(settings.enabled());
        assertEquals(45, settings.returnWindowDays());

        // The page's secondary action turns returns off in one click.
        page.waitForResponse(r -> r.url().endsWith("/api/settings") && "PUT".equals(r.request().method()),
                () -> page.locator("#toggle-returns").click());
        assertThat(page.locator("#state-badge")).hasText("Returns off");
        assertThat(page.locator("#toggle-returns")).hasText("Turn returns on");
        assertFalse(server.getApplicationContext().getBean(SettingsStore.class).get(shopId(shop)).enabled());
    }

    @Test
    void invalidInputShowsEachErrorOnItsFieldAndSavesNothing() {
        ShopDomain shop = installed("admin-invalid");
        Page page = open(shop, "en", 1280, 900);
        assertThat(page.locator("#settings")).isVisible();
        page.locator("#provider select").selectOption("narvar");
        page.locator("#portal_url input").fill("http://returns.narvar.com/acme/returns");
        page.locator("#return_window_days input").fill("0");
        page.locator("#support_email input").fill("not-an-email");
        saveBar(page).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(errorOf(page, "portal_url")).containsText("https://");
        assertThat(errorOf(page, "return_window_days")).not().isEmpty();
        assertThat(errorOf(page, "support_email")).not().isEmpty();
        assertThat(page.locator("#portal_url input")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#banner")).containsText("Fix the highlighted fields and save again.");
        assertThat(errorOf(page, "provider")).isHidden();
        screenshot(page, "admin-invalid");
        assertNull(server.getApplicationContext().getBean(SettingsStore.class).get(shopId(shop)).provider());

        // Every field the API can name gets its message on its own component (the 422 answered here).
        List<String> fields = List.of("provider", "portal_url", "api_key", "enabled", "return_trigger", "return_window_days",
                "support_email", "support_url");
        StringBuilder errors = new StringBuilder();
        for (String f : fields) {
            errors.append(errors.isEmpty() ? "" : ",").append("{\"field\":\"").append(f).append("\",\"message\":\"Wrong ").append(f).append("\"}");
        }
        page.route("**/api/settings", route -> {
            if ("PUT".equals(route.request().method())) {
                route.fulfill(new Route.FulfillOptions().setStatus(422).setContentType("application/json")
                        .setBody("{\"errors\":[" + errors + "]}"));
            } else {
                route.resume();
            }
        });
        page.locator("#provider select").selectOption("loop");
        saveBar(page).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
        for (String f : fields) {
            assertThat(errorOf(page, f)).hasText("Wrong " + f);
            assertEquals("Wrong " + f, js(page, "document.getElementById('" + f + "').error"));
        }
        assertThat(page.locator("#api_key")).isVisible();
        // The next load starts clean.
        page.unroute("**/api/settings");
        page.navigate(home(shop, "en"));
        assertThat(page.locator("#settings")).isVisible();
        assertEquals("", js(page, "document.getElementById('portal_url').error"));
    }

    @Test
    void theLoopApiKeyIsSetReplacedAndRemovedAndNeverShown() {
        ShopDomain shop = installed("admin-key");
        String key = "lp_admin_key_7f3e91";
        assertEquals(200, putSettings(shop,
                "{\"provider\":\"loop\",\"portal_url\":\"https://acme.loopreturns.com/#/\",\"enabled\":true}").statusCode());
        SettingsStore settings = server.getApplicationContext().getBean(SettingsStore.class);
        Page page = open(shop, "en", 1280, 900);
        assertThat(page.locator("#api_key-box")).isVisible();
        assertThat(page.locator("#api_key-title")).hasText("Loop API key (optional)");
        assertThat(page.locator("#api_key-state")).hasText("No API key saved.");
        assertThat(page.locator("#api_key-remove")).isHidden();
        assertThat(page.locator("#api_key")).isHidden();

        page.locator("#api_key-replace").click();
        page.locator("#api_key input").fill(key);
        assertThat(saveBar(page)).isVisible();
        saveBar(page).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(page.locator("#api_key-state")).hasText("An API key is saved. It is never shown again.");
        assertThat(page.locator("#api_key")).isHidden();
        assertThat(page.locator("#api_key-replace")).hasText("Replace key");
        String sealed = settings.get(shopId(shop)).providerApiKey();
        assertTrue(sealed != null && !sealed.contains(key), "stored encrypted");

        page.navigate(home(shop, "en"));
        assertThat(page.locator("#api_key-state")).hasText("An API key is saved. It is never shown again.");
        assertFalse(page.content().contains(key));
        assertEquals("", js(page, "document.getElementById('api_key').value"));
        screenshot(page, "admin-key-set");

        page.locator("#api_key-replace").click();
        page.locator("#api_key input").fill(key + "-new");
        page.waitForResponse(r -> r.url().endsWith("/api/settings") && "PUT".equals(r.request().method()),
                () -> saveBar(page).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click());
        assertThat(page.locator("#api_key-state")).hasText("An API key is saved. It is never shown again.");
        assertFalse(sealed.equals(settings.get(shopId(shop)).providerApiKey()));

        page.locator("#api_key-remove").click();
        assertThat(page.locator("#api_key-state")).hasText("The API key will be removed when you save.");
        assertThat(saveBar(page)).isVisible();
        saveBar(page).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(page.locator("#api_key-state")).hasText("No API key saved.");
        assertNull(settings.get(shopId(shop)).providerApiKey());

        page.locator("#provider select").selectOption("narvar");
        assertThat(page.locator("#api_key-box")).isHidden();
        page.locator("#provider select").selectOption("aftership");
        assertThat(page.locator("#api_key-title")).hasText("AfterShip API key (optional)");
    }

    /** The first import's progress: imported of total while it runs, polled until it is done. */
    @Test
    void theImportProgressBarMovesWhileTheImportRuns() {
        ShopDomain shop = installed("admin-import");
        AtomicInteger calls = new AtomicInteger();
        Page page = adminPage(1280, 900, shop);
        page.route("**/api/status", route -> {
            int n = calls.getAndIncrement();
            String imp = n == 0 ? "{\"status\":\"running\",\"imported_count\":200,\"total_count\":1000}"
                    : n == 1 ? "{\"status\":\"running\",\"imported_count\":600,\"total_count\":1000}"
                    : "{\"status\":\"done\",\"imported_count\":1000,\"total_count\":1000}";
            route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json").setBody(
                    "{\"installed\":true,\"orders_synced\":" + (n == 0 ? 200 : n == 1 ? 600 : 1000)
                            + ",\"order_import\":" + imp + ",\"return_clicks_30d\":0,\"return_clicks_per_day\":[]}"));
        });
        page.navigate(home(shop, "en"));
        assertThat(page.locator("#import")).isVisible();
        assertThat(page.locator("#import-label")).hasText("200 of 1,000 orders imported");
        assertEquals(200, ((Number) js(page, "document.getElementById('import-bar').value")).intValue());
        assertEquals(1000, ((Number) js(page, "document.getElementById('import-bar').max")).intValue());
        screenshot(page, "admin-import");
        assertThat(page.locator("#import-label")).hasText("600 of 1,000 orders imported");
        assertEquals(600, ((Number) js(page, "document.getElementById('import-bar').value")).intValue());
        assertThat(page.locator("#import")).isHidden();
        assertThat(page.locator("#status-orders")).hasText("1,000");
    }

    @Test
    void anImportWithoutATotalYetShowsHowManySoFar() {
        ShopDomain shop = installed("admin-import-nototal");
        Page page = adminPage(1280, 900, shop);
        page.route("**/api/status", route -> route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json").setBody(
                "{\"installed\":true,\"orders_synced\":7,\"order_import\":{\"status\":\"running\",\"imported_count\":7},"
                        + "\"return_clicks_30d\":0,\"return_clicks_per_day\":[]}")));
        page.navigate(home(shop, "en"));
        assertThat(page.locator("#import-label")).hasText("7 orders imported so far");
        assertNull(js(page, "document.getElementById('import-bar').value"));
    }

    /** Return clicks by surface: a stacked chart, the totals in words, and a table of the days with clicks. */
    @Test
    void returnClicksAreChartedBySurfaceWithATextAlternative() {
        ShopDomain shop = installed("admin-clicks");
        Page page = adminPage(1280, 900, shop);
        StringBuilder days = new StringBuilder();
        java.time.LocalDate today = java.time.LocalDate.of(2026, 11, 30);
        for (int i = 29; i >= 0; i--) {
            int drawer = i == 3 ? 4 : i == 10 ? 1 : 0;
            int accounts = i == 3 ? 2 : 0;
            days.append(days.isEmpty() ? "" : ",").append("{\"date\":\"").append(today.minusDays(i)).append("\",\"clicks\":")
                    .append(drawer + accounts).append(",\"drawer\":").append(drawer).append(",\"customer_account\":").append(accounts).append('}');
        }
        page.route("**/api/status", route -> route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json").setBody(
                "{\"installed\":true,\"orders_synced\":12,\"order_import\":null,\"return_clicks_30d\":7,\"return_clicks_per_day\":[" + days + "]}")));
        page.navigate(home(shop, "en"));
        String summary = "7 returns started: 5 from the drawer, 2 from customer accounts.";
        assertThat(page.locator("#clicks-summary")).hasText(summary);
        assertThat(page.locator("#clicks-svg")).hasAttribute("aria-label", summary);
        assertThat(page.locator("#clicks-svg rect.bar-drawer")).hasCount(2);
        assertThat(page.locator("#clicks-svg rect.bar-accounts")).hasCount(1);
        assertThat(page.locator("#clicks-rows s-table-row")).hasCount(2);
        assertThat(page.locator("#clicks-rows s-table-row").last()).containsText("Nov 27, 2026");
        assertThat(page.locator("#clicks-rows s-table-row").last()).containsText("4");
    }

    @Test
    void aDataRequestExportIsDownloaded() {
        ShopDomain shop = installed("admin-export");
        var request = WebhookDeliveryRequest.of("customers/data_request", shop,
                Map.of("shop_domain", shop.value(), "customer", Map.of("id", 1001), "orders_requested", List.of(),
                        "data_request", Map.of("id", 4242))).secret(ShopifySigner.SECRET);
        assertEquals(200, request.send(server.getURI()).statusCode());
        Page page = open(shop, "en", 1280, 900);
        Locator row = page.locator("#requests-list s-table-row").first();
        assertThat(row).containsText("Customer data request");
        assertThat(row).containsText("1001");
        assertThat(page.locator("#requests-empty")).isHidden();
        Download file = page.waitForDownload(() -> row.locator("s-button[data-request-id]").click());
        assertTrue(file.suggestedFilename().matches("data-request-\\d+\\.json"), file.suggestedFilename());
        try (var in = file.createReadStream()) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"customer_id\":\"1001\""), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theAdminsLanguageGivesAGermanPage() {
        ShopDomain shop = installed("admin-german");
        Page page = open(shop, "de-DE", 1280, 900);
        assertThat(page.locator("html")).hasAttribute("lang", "de");
        assertThat(page.locator("#settings")).isVisible();
        assertEquals("Retourenanbieter", js(page, "document.getElementById('provider').label"));
        assertEquals("URL des Retourenportals", js(page, "document.getElementById('portal_url').label"));
        assertThat(page.locator("#state-badge")).hasText("Retouren aus");
        assertThat(page.locator("#toggle-returns")).hasText("Retouren einschalten");
        assertThat(page.locator("s-button[slot=primary-action]")).hasText("Theme-Editor öffnen");
        assertThat(page.locator("#clicks-summary")).hasText("In den letzten 30 Tagen wurden keine Retouren gestartet.");
        assertThat(page.locator("#return_trigger [role=radiogroup]")).containsText("zugestellt ist (empfohlen)");
        page.locator("#provider select").selectOption("loop");
        page.locator("#portal_url input").fill("https://acme.loopreturns.com/");
        saveBar(page).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(page.locator(".standin-toast")).hasText("Gespeichert. Retouren sind aus: die Schaltfläche ist ausgeblendet.");
        screenshot(page, "admin-de");
    }

    /** A load without a usable id token goes through App Bridge's bounce page and comes back in the same language. */
    @Test
    void theAdminsLanguageSurvivesTheSessionTokenBounce() throws Exception {
        ShopDomain shop = installed("admin-bounce");
        String signed = home(shop, "fr-FR").replaceAll("&id_token=[^&]*", "");
        String query = signed.substring(signed.indexOf('?') + 1);
        Map<String, String> params = new java.util.TreeMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8), java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        params.remove("hmac");
        params.remove("id_token");
        String unsignedToken = server.getURI().resolve("/?" + ShopifySigner.signedAdminQuery(ShopifySigner.SECRET, params)).toString();
        HttpResponse<String> first = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(java.net.URI.create(unsignedToken)).build(), HttpResponse.BodyHandlers.ofString());
        String location = first.headers().firstValue("Location").orElseThrow(() -> new AssertionError(first.statusCode() + " " + first.body()));
        String reload = java.net.URLDecoder.decode(location.substring(location.indexOf("shopify-reload=") + 15), StandardCharsets.UTF_8);
        assertTrue(reload.contains("&locale=fr-FR"), reload);
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(server.getURI().resolve(reload + "&id_token=" + SessionTokens.valid(shop))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<html lang=\"fr\">") && page.body().contains("Portail de retours"), page.body());
    }

    /** The populated page at desktop and phone width, for a person to look at. */
    @Test
    void screenshotsAtDesktopAndPhoneWidth() {
        ShopDomain shop = installed("admin-shots");
        assertEquals(200, putSettings(shop, """
                {"provider":"loop","portal_url":"https://acme.loopreturns.com/#/","enabled":true,"return_window_days":30,
                 "support_email":"help@acme.test","api_key":"lp_screenshot_key_1"}""").statusCode());
        var request = WebhookDeliveryRequest.of("customers/data_request", shop,
                Map.of("shop_domain", shop.value(), "customer", Map.of("id", 77), "orders_requested", List.of(),
                        "data_request", Map.of("id", 99))).secret(ShopifySigner.SECRET);
        assertEquals(200, request.send(server.getURI()).statusCode());
        for (int[] size : new int[][]{{1280, 900}, {390, 844}}) {
            Page page = open(shop, "en", size[0], size[1]);
            assertThat(page.locator("#settings")).isVisible();
            assertThat(page.locator("#requests-list s-table-row")).hasCount(1);
            assertThat(page.locator("#preview-link")).isVisible();
            screenshot(page, "admin-" + size[0]);
            // Nothing is wider than the screen.
            assertEquals(true, js(page, "document.documentElement.scrollWidth <= window.innerWidth"));
        }
    }

    /** The production page loads App Bridge from Shopify's CDN and carries nothing of the dev mode's token plumbing. */
    @Test
    void theProductionPageCarriesNoDevTokenAndTheDevPageOnlyItsStandIn() throws Exception {
        ShopDomain shop = installed("admin-prod");
        HttpResponse<String> production = HTTP.send(HttpRequest.newBuilder(java.net.URI.create(home(shop, "en"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, production.statusCode(), production.body());
        String html = production.body();
        assertTrue(html.contains("<script src=\"https://cdn.shopify.com/shopifycloud/app-bridge.js\"></script>"), html);
        assertTrue(html.contains("<script src=\"https://cdn.shopify.com/shopifycloud/polaris.js\"></script>"), html);
        assertTrue(html.contains("<meta name=\"shopify-api-key\" content=\"test-api-key\">"), html);
        assertTrue(html.indexOf("app-bridge.js") < html.indexOf("polaris.js"), "App Bridge loads first");
        for (String leak : List.of("/dev/", "session-token", "dev-token", "idToken", "Bearer")) {
            assertFalse(html.contains(leak), leak);
        }
        assertFalse(html.contains("Polaris-"), "no imitation Polaris markup");
        assertTrue(production.headers().firstValue("Content-Security-Policy").orElseThrow().contains("frame-ancestors https://" + shop.value()));
        String script = HTTP.send(HttpRequest.newBuilder(server.getURI().resolve("/admin/assets/admin.js")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertFalse(script.contains("/dev/") || script.contains("session-token"), "admin.js fetches no tokens itself");
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(server.getURI().resolve("/admin/assets/admin.css")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        String dev = HTTP.send(HttpRequest.newBuilder(server.getURI().resolve("/dev/admin")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(dev.contains("<script src=\"/dev/app-bridge.js\"></script>"), dev);
        assertFalse(dev.contains("shopifycloud/app-bridge.js"), dev);

        // The dev page works with its local App Bridge stand-in: the demo shop's Loop settings load.
        Page page = browser.page(1280, 900);
        pages.add(page);
        page.navigate(server.getURI().resolve("/dev/admin").toString());
        assertThat(page.locator("#settings")).isVisible();
        assertEquals("loop", js(page, "document.getElementById('provider').value"));
        assertThat(page.locator("#status-orders")).hasText("5");
    }
}
