package com.returnsdrawer.support;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright — never a downloaded browser. Shopify's CDN is answered by a local
 * stub (App Bridge's {@code shopify.idToken()} fetching the dev environment's minted token), since nothing
 * outside this machine is reachable.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String APP_BRIDGE_STUB = """
            window.shopify = {
              idToken: function () { return fetch('/dev/session-token').then(function (r) { return r.text(); }); },
              toast: { show: function (m) { window.__toasts = (window.__toasts || []).concat([m]); } }
            };""";

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
        Page page = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(width, height)).newPage();
        page.route("https://cdn.shopify.com/**", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                .setStatus(200).setContentType("application/javascript").setBody(APP_BRIDGE_STUB)));
        return page;
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
