package com.returnsdrawer.support;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright — never a downloaded browser. Shopify's CDN is out of reach, so its
 * {@code app-bridge.js} and {@code polaris.js} are answered by the test stand-ins in {@code src/test/resources/standins}
 * (the documented surface the admin page uses, nothing more); anything else asked of the CDN fails.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String APP_BRIDGE_STAND_IN = standIn("app-bridge.standin.js");
    static final String POLARIS_STAND_IN = standIn("polaris.standin.js");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    public Browser() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run")));
    }

    public static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    public Page page(int width, int height) {
        Page page = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(width, height)
                .setAcceptDownloads(true)).newPage();
        page.route("https://cdn.shopify.com/**", route -> {
            String url = route.request().url();
            String body = url.equals("https://cdn.shopify.com/shopifycloud/app-bridge.js") ? APP_BRIDGE_STAND_IN
                    : url.equals("https://cdn.shopify.com/shopifycloud/polaris.js") ? POLARIS_STAND_IN : null;
            if (body == null) {
                route.abort();
            } else {
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(200)
                        .setContentType("application/javascript").setBody(body));
            }
        });
        return page;
    }

    /**
     * A page whose App Bridge stand-in hands out session tokens for {@code shop}, minted here as Shopify mints them
     * (a fresh one for every {@code shopify.idToken()}).
     */
    public Page adminPage(int width, int height, com.returnsdrawer.shopify.ShopDomain shop) {
        Page page = page(width, height);
        page.exposeFunction("__standInIdToken", args -> SessionTokens.valid(shop));
        return page;
    }

    private static String standIn(String name) {
        try (var in = Browser.class.getResourceAsStream("/standins/" + name)) {
            if (in == null) {
                throw new IllegalStateException("src/test/resources/standins/" + name + " is missing");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Path screenshot(String name) {
        Path dir = Path.of("target", "screenshots");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir.resolve(name + ".png");
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
