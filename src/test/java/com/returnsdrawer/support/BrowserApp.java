package com.returnsdrawer.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.Map;

/**
 * What a browser test runs against: the app in the test and dev environments (the demo shop, the /dev pages) on a
 * database of its own, and Debian's Chromium. Closing it closes both and drops the database.
 */
public final class BrowserApp implements AutoCloseable {

    private final Map<String, Object> props;
    private final EmbeddedServer server;
    private final Browser browser;

    private BrowserApp(Map<String, Object> props, EmbeddedServer server, Browser browser) {
        this.props = props;
        this.server = server;
        this.browser = browser;
    }

    /** Starts the app on a database named after {@code name}, then the browser. */
    public static BrowserApp start(String name) {
        if (!Browser.available()) {
            throw new IllegalStateException("Debian's chromium is required at " + Browser.CHROMIUM + " (apt-get install chromium)");
        }
        Map<String, Object> props = TestDatabase.isolated(name);
        EmbeddedServer server = null;
        try {
            server = ApplicationContext.run(EmbeddedServer.class, props, "test", "dev");
            return new BrowserApp(props, server, new Browser());
        } catch (RuntimeException | Error e) {
            if (server != null) {
                server.close();
            }
            TestDatabase.dropIsolated(props);
            throw e;
        }
    }

    public EmbeddedServer server() {
        return server;
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            server.close();
            TestDatabase.dropIsolated(props);
        }
    }
}
