package com.returnsdrawer.returns;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.returnsdrawer.support.AdminApi;
import com.returnsdrawer.support.Json;
import com.returnsdrawer.support.ProviderStandIn;
import com.returnsdrawer.support.Sql;
import com.returnsdrawer.support.TestDatabase;
import com.returnsdrawer.db.Database;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deep links through the providers' APIs at click time, against a local stand-in for Loop and AfterShip. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderLinksTest {

    private static final String KEY = "lp_live_Zx9-SECRET-4f2a";
    private static final String LOOP_PORTAL = "https://acme.loopreturns.com/#/";
    private static final String LOOP_PLAIN = "https://acme.loopreturns.com/?order=1001&email=jon%40example.com&zip=40003#/";
    private static final String AFTERSHIP_PORTAL = "https://acme.returns.aftership.com/";
    private static final String RESET_MS = "300";

    private ProviderStandIn provider;
    private EmbeddedServer app;

    @BeforeAll
    void start() throws IOException {
        provider = new ProviderStandIn();
        Map<String, Object> props = TestDatabase.properties();
        props.put("loop.api-base-url", provider.baseUrl());
        props.put("aftership.api-base-url", provider.baseUrl());
        props.put("provider-api.circuit-reset", RESET_MS + "ms");
        app = ApplicationContext.run(EmbeddedServer.class, props, "test");
    }

    @AfterAll
    void stop() {
        app.close();
        provider.close();
    }

    /** A failure in one test may have opened a circuit: after the reset, the next call is let through again. */
    @BeforeEach
    void resetProvider() throws InterruptedException {
        Thread.sleep(Long.parseLong(RESET_MS) + 100);
        provider.answerUrl("https://acme.loopreturns.com/#/lookup/deep-1001");
        provider.delay(0);
        provider.clear();
    }

    private ReturnClickFixture loopShop() {
        ReturnClickFixture f = new ReturnClickFixture(app, "40003");
        f.settings("loop", LOOP_PORTAL, KEY);
        return f;
    }

    @Test
    void loopIsAskedForTheOrdersLinkAndTheShopperIsSentThere() {
        ReturnClickFixture f = loopShop();
        assertEquals("https://acme.loopreturns.com/#/lookup/deep-1001", f.click());
        List<ProviderStandIn.Request> calls = provider.requests();
        assertEquals(1, calls.size(), calls.toString());
        ProviderStandIn.Request call = calls.get(0);
        assertEquals("POST", call.method());
        assertEquals(ProviderStandIn.LOOP_PATH, call.path());
        assertEquals(KEY, call.headers().get("x-authorization"));
        assertTrue(call.headers().get("content-type").startsWith("application/json"), call.headers().toString());
        assertEquals(Map.of("name", "1001", "zip", "40003"), Json.read(call.body().getBytes()));
        assertEquals(1L, Sql.count(app.getApplicationContext().getBean(Database.class),
                "SELECT COUNT(*) FROM return_clicks WHERE shop_id = ?", f.shopId), "the click is still recorded");
    }

    @Test
    void loopGetsTheEmailWhenTheOrderHasNoZip() {
        ReturnClickFixture f = new ReturnClickFixture(app, null);
        f.settings("loop", LOOP_PORTAL, KEY);
        f.click();
        assertEquals(Map.of("name", "1001", "zip", "jon@example.com"), Json.read(provider.requests().get(0).body().getBytes()));
    }

    @Test
    void aftershipIsAskedForTheOrdersLinkAndTheShopperIsSentThere() {
        ReturnClickFixture f = new ReturnClickFixture(app, "40003");
        f.settings("aftership", AFTERSHIP_PORTAL, KEY);
        provider.answerUrl("https://acme.returns.aftership.com/deep/1001");
        assertEquals("https://acme.returns.aftership.com/deep/1001", f.click());
        ProviderStandIn.Request call = provider.requests().get(0);
        assertEquals("POST", call.method());
        assertEquals(ProviderStandIn.AFTERSHIP_PATH, call.path());
        assertEquals(KEY, call.headers().get("as-api-key"));
        assertFalse(call.headers().containsKey("x-authorization"));
        assertTrue(call.headers().get("content-type").startsWith("application/json"), call.headers().toString());
        assertEquals(Map.of("order_number", "1001", "customer_email", "jon@example.com", "postal_code", "40003"),
                Json.read(call.body().getBytes()));
    }

    @Test
    void withoutAKeyNoProviderIsCalled() {
        ReturnClickFixture f = new ReturnClickFixture(app, "40003");
        f.settings("loop", LOOP_PORTAL, null);
        assertEquals(LOOP_PLAIN, f.click());
        assertEquals(List.of(), provider.requests());
    }

    /** The opened key is remembered per sealed value: a replaced or removed key counts from the very next click. */
    @Test
    void aReplacedOrRemovedKeyCountsFromTheNextClick() {
        String second = "lp_live_Second-key-77";
        ReturnClickFixture f = loopShop();
        f.click();
        f.settings("loop", LOOP_PORTAL, second);
        f.click();
        f.settings("loop", LOOP_PORTAL, KEY);
        f.click();
        f.removeApiKey("loop", LOOP_PORTAL);
        assertEquals(LOOP_PLAIN, f.click());
        List<ProviderStandIn.Request> calls = provider.requests();
        assertEquals(3, calls.size(), calls.toString());
        assertEquals(KEY, calls.get(0).headers().get("x-authorization"));
        assertEquals(second, calls.get(1).headers().get("x-authorization"));
        assertEquals(KEY, calls.get(2).headers().get("x-authorization"));
    }

    @Test
    void listAndDetailPagesNeverCallTheProvider() {
        ReturnClickFixture f = loopShop();
        for (String format : List.of("liquid", "html", "json")) {
            assertEquals(200, f.proxy("/orders", Map.of("format", format)).statusCode());
            assertEquals(200, f.proxy("/orders/" + f.orderId, Map.of("format", format)).statusCode());
        }
        assertEquals(List.of(), provider.requests());
    }

    private void assertPlainLinkWhen(int status, String body) {
        ReturnClickFixture f = loopShop();
        provider.answer(status, body);
        assertEquals(LOOP_PLAIN, f.click(), status + " " + body);
        assertFalse(provider.requests().isEmpty());
    }

    @Test
    void anErrorStatusFallsBackToThePlainLink() {
        assertPlainLinkWhen(401, "{\"message\": \"invalid key\"}");
        assertPlainLinkWhen(404, "{\"message\": \"order not found\"}");
        assertPlainLinkWhen(422, "{\"url\": \"https://acme.loopreturns.com/#/x\"}");
    }

    @Test
    void aServerErrorFallsBackToThePlainLink() {
        assertPlainLinkWhen(500, "{\"url\": \"https://acme.loopreturns.com/#/x\"}");
    }

    @Test
    void aUrlThatIsNotHttpsFallsBackToThePlainLink() {
        assertPlainLinkWhen(200, "{\"url\": \"http://acme.loopreturns.com/#/lookup\"}");
        assertPlainLinkWhen(200, "{\"url\": \"javascript:alert(1)\"}");
        assertPlainLinkWhen(200, "{\"url\": null}");
    }

    @Test
    void malformedJsonFallsBackToThePlainLink() {
        assertPlainLinkWhen(200, "{\"url\": \"https://acme.loopreturns.com/#/x\"");
        assertPlainLinkWhen(200, "<html>maintenance</html>");
    }

    @Test
    void theKeyIsNeverEchoedInPagesRedirectsOrLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        captured.start();
        root.addAppender(captured);
        try {
            ReturnClickFixture f = loopShop();
            provider.answer(500, "{\"error\": \"bad key " + KEY + "\"}");
            String location = f.click();
            assertFalse(location.contains(KEY));
            provider.answerUrl("https://acme.loopreturns.com/#/lookup/deep-1001");
            for (String format : List.of("liquid", "html", "json")) {
                assertFalse(f.proxy("/orders", Map.of("format", format)).body().contains(KEY));
                assertFalse(f.proxy("/orders/" + f.orderId, Map.of("format", format)).body().contains(KEY));
            }
            String settings = AdminApi.get(app.getURI(), f.shop, "/api/settings").body();
            assertFalse(settings.contains(KEY) || settings.contains("v1."), settings);
            String sealed = (String) Sql.one(app.getApplicationContext().getBean(Database.class),
                    "SELECT provider_api_key FROM settings WHERE shop_id = ?", f.shopId).get("provider_api_key");
            assertFalse(sealed.contains(KEY) || sealed.contains("SECRET"), sealed);
            assertFalse(captured.list.isEmpty(), "the failed call and the save are logged");
            for (ILoggingEvent event : captured.list) {
                String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
                assertFalse(line.contains(KEY) || line.contains("SECRET"), line);
            }
        } finally {
            root.detachAppender(captured);
        }
    }
}
