package com.returnsdrawer.browser;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.returnsdrawer.settings.SettingsStore;
import com.returnsdrawer.shop.ShopStore;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.shopify.ShopifyConfig;
import com.returnsdrawer.support.Browser;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.support.WebhookDeliveryRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin page and the storefront drawer in a real browser, on the dev environment's demo shop. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {

    private EmbeddedServer server;
    private Browser browser;
    private Map<String, Object> props;

    @BeforeAll
    void start() {
        if (!Browser.available()) {
            throw new IllegalStateException("Debian's chromium is required at /usr/bin/chromium (apt-get install chromium)");
        }
        props = TestDatabase.isolated("browser");
        server = ApplicationContext.run(EmbeddedServer.class, props, "test", "dev");
        browser = new Browser();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
            TestDatabase.dropIsolated(props);
        }
    }

    private String url(String path) {
        return server.getURI().resolve(path).toString();
    }

    @Test
    void merchantListsPrivacyRequestsAndDownloadsAnExport() {
        ShopDomain demo = ShopDomain.parse("demo-shop.myshopify.com").orElseThrow();
        String secret = server.getApplicationContext().getBean(ShopifyConfig.class).apiSecret();
        var request = WebhookDeliveryRequest.of("customers/data_request", demo,
                Map.of("shop_domain", demo.value(), "customer", Map.of("id", 1001), "orders_requested", List.of(),
                        "data_request", Map.of("id", 4242))).secret(secret);
        assertEquals(200, request.send(server.getURI()).statusCode());

        Page page = browser.page(1280, 900);
        page.navigate(url("/dev/admin"));
        Locator download = page.locator("#requests-list button[data-request-id]");
        assertThat(page.locator("#requests-list")).containsText("Customer data request · customer 1001");
        assertThat(page.locator("#requests-empty")).isHidden();
        Download file = page.waitForDownload(download.first()::click);
        assertTrue(file.suggestedFilename().startsWith("data-request-"), file.suggestedFilename());
        try (var in = file.createReadStream()) {
            assertTrue(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("\"customer_id\":\"1001\""));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void merchantChangesTheProviderSeesValidationSavesPreviewsAndDisables() {
        Page page = browser.page(1280, 900);
        page.navigate(url("/dev/admin"));
        Locator provider = page.locator("#provider");
        assertThat(provider).hasValue("loop");
        assertThat(page.locator("#state-badge")).hasText("Returns on");
        assertThat(page.locator("#preview-url")).containsText("https://demo-shop.loopreturns.com/?order=");
        assertThat(page.locator("#status-orders")).hasText("5");
        assertThat(page.locator("#clicks-total")).hasText("0");
        assertThat(page.locator("#clicks-chart span")).hasCount(30);

        provider.selectOption("narvar");
        page.locator("#portal_url").fill("http://returns.narvar.com/demo/returns");
        page.locator("#save").click();
        assertThat(page.locator("#portal_url-error")).isVisible();
        assertThat(page.locator("#portal_url-error")).containsText("https://");
        assertThat(page.locator("#portal_url")).hasAttribute("aria-invalid", "true");

        page.locator("#portal_url").fill("https://returns.narvar.com/demo/returns?locale=en_US");
        page.locator("#save").click();
        assertThat(page.locator("#banner")).containsText("Saved");
        assertThat(page.locator("#portal_url-error")).isHidden();
        assertThat(page.locator("#preview-url")).containsText("https://returns.narvar.com/demo/returns?locale=en_US&order=");
        assertThat(page.locator("#preview-url")).containsText("dzip=");
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("admin")).setFullPage(true));

        long shopId = server.getApplicationContext().getBean(ShopStore.class).find(com.returnsdrawer.shopify.ShopDomain.parse("demo-shop.myshopify.com").orElseThrow()).orElseThrow().id();
        assertEquals("narvar", server.getApplicationContext().getBean(SettingsStore.class).get(shopId).provider());

        page.locator("#disable").click();
        assertThat(page.locator("#banner")).containsText("Returns are off");
        assertThat(page.locator("#state-badge")).hasText("Returns off");
        assertFalse(server.getApplicationContext().getBean(SettingsStore.class).get(shopId).enabled());

        // Turn returns back on for the storefront test, through the page as a merchant would.
        page.locator("#provider").selectOption("loop");
        page.locator("#portal_url").fill("https://demo-shop.loopreturns.com/#/");
        page.locator("label[for=enabled]").click();
        page.locator("#save").click();
        assertThat(page.locator("#state-badge")).hasText("Returns on");
    }

    @Test
    void merchantSetsReplacesAndRemovesTheLoopApiKeyAndNeverSeesItAgain() {
        String key = "lp_demo_key_7f3e91";
        long shopId = server.getApplicationContext().getBean(ShopStore.class).find(com.returnsdrawer.shopify.ShopDomain.parse("demo-shop.myshopify.com").orElseThrow()).orElseThrow().id();
        SettingsStore settings = server.getApplicationContext().getBean(SettingsStore.class);
        Page page = browser.page(1280, 900);
        page.navigate(url("/dev/admin"));
        assertThat(page.locator("#provider")).hasValue("loop");
        assertThat(page.locator("#api_key-field")).isVisible();
        assertThat(page.locator("#api_key-state")).hasText("No API key saved.");
        assertThat(page.locator("#api_key-remove")).isHidden();

        page.locator("#api_key-replace").click();
        page.locator("#api_key").fill(key);
        page.locator("#save").click();
        assertThat(page.locator("#banner")).containsText("Saved");
        assertThat(page.locator("#api_key-state")).containsText("An API key is saved");
        assertThat(page.locator("#api_key")).isHidden();
        assertThat(page.locator("#api_key-replace")).hasText("Replace");
        String sealed = settings.get(shopId).providerApiKey();
        assertTrue(sealed != null && !sealed.contains(key), sealed);

        page.navigate(url("/dev/admin"));
        assertThat(page.locator("#api_key-state")).containsText("An API key is saved");
        assertFalse(page.content().contains(key));
        assertThat(page.locator("#api_key")).hasValue("");

        page.locator("#api_key-replace").click();
        page.locator("#api_key").fill(key + "-new");
        page.waitForResponse(r -> r.url().endsWith("/api/settings") && "PUT".equals(r.request().method()),
                () -> page.locator("#save").click());
        assertThat(page.locator("#api_key-state")).containsText("An API key is saved");
        assertFalse(sealed.equals(settings.get(shopId).providerApiKey()));

        page.locator("#api_key-remove").click();
        assertThat(page.locator("#api_key-state")).containsText("will be removed");
        page.locator("#save").click();
        assertThat(page.locator("#api_key-state")).hasText("No API key saved.");
        assertEquals(null, settings.get(shopId).providerApiKey());

        page.locator("#provider").selectOption("narvar");
        assertThat(page.locator("#api_key-field")).isHidden();
        page.locator("#provider").selectOption("aftership");
        assertThat(page.locator("#api_key-field")).isVisible();
        page.locator("#provider").selectOption("loop");
    }

    @Test
    void shopperOpensTheDrawerSeesOrdersStartsAReturnAndClosesWithEscape() {
        // Loop on, whatever the merchant test (run before or after this one) left behind.
        var loopOn = com.returnsdrawer.support.AdminApi.put(server.getURI(),
                com.returnsdrawer.shopify.ShopDomain.parse("demo-shop.myshopify.com").orElseThrow(), "/api/settings",
                "{\"provider\":\"loop\",\"portal_url\":\"https://demo-shop.loopreturns.com/#/\",\"enabled\":true}");
        assertEquals(200, loopOn.statusCode(), loopOn.body());

        for (int[] size : new int[][]{{360, 740}, {1280, 800}}) {
            Page page = browser.page(size[0], size[1]);
            page.route("https://demo-shop.loopreturns.com/**", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setStatus(200).setContentType("text/html").setBody("<h1>Loop returns portal</h1>")));
            page.navigate(url("/dev/storefront"));
            Locator launcher = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("My orders"));
            launcher.click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            assertThat(dialog).isVisible();
            assertThat(dialog.locator(".rd-order")).hasCount(5);
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("drawer-list-" + size[0])));

            page.keyboard().press("Escape");
            assertThat(dialog).isHidden();
            assertTrue((Boolean) page.evaluate("document.activeElement === document.querySelector('.rd-launcher')"),
                    "focus goes back to the launcher");

            launcher.click();
            dialog.locator(".rd-order__link", new Locator.LocatorOptions().setHasText("#1001")).click();
            assertThat(dialog.locator(".rd-detail__name")).hasText("#1001");
            assertThat(dialog.locator(".rd-item__title").first()).hasText("Merino wool sweater");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("drawer-detail-" + size[0])));
            Locator start = dialog.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Start a return"));
            start.click();
            page.waitForURL("https://demo-shop.loopreturns.com/**");
            assertTrue(page.url().startsWith("https://demo-shop.loopreturns.com/?order=1001&email=shopper%40example.com&zip=10115"), page.url());
        }
    }

    @Test
    void keyboardOnlyShopperCanTabWithinTheDialog() {
        Page page = browser.page(1280, 800);
        page.navigate(url("/dev/storefront"));
        page.locator(".rd-launcher").focus();
        page.keyboard().press("Enter");
        assertThat(page.locator(".rd-order").first()).isVisible();
        for (int i = 0; i < 25; i++) {
            page.keyboard().press("Tab");
            assertTrue((Boolean) page.evaluate("document.querySelector('.rd-dialog').contains(document.activeElement)"),
                    "focus stays inside the open dialog");
        }
    }

    @Test
    void loggedOutShopperGetsNoLauncherButTheLoginPrompt() {
        Page page = browser.page(1280, 800);
        page.navigate(url("/dev/storefront?customer=none"));
        assertThat(page.locator(".rd-launcher")).hasCount(0);
        page.navigate(url("/apps/returns-drawer/orders?format=html"));
        assertThat(page.locator(".rd-login a")).hasAttribute("href", "/account/login?return_url=%2Fapps%2Freturns-drawer%2Forders");
        page.navigate(url("/dev/storefront?customer=1001"));
        assertThat(page.locator(".rd-launcher")).hasCount(1);
    }
}
