package com.returnsdrawer.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.returnsdrawer.shopify.ShopDomain;
import com.returnsdrawer.support.Browser;
import com.returnsdrawer.support.BrowserApp;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The storefront drawer in a real browser, on the dev environment's demo shop (the admin page: AdminPageTest). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {

    private BrowserApp app;
    private EmbeddedServer server;
    private Browser browser;

    @BeforeAll
    void start() {
        app = BrowserApp.start("browser");
        server = app.server();
        browser = app.browser();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private String url(String path) {
        return server.getURI().resolve(path).toString();
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
