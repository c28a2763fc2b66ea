package com.returnsdrawer.returns;

import com.returnsdrawer.support.ProviderStandIn;
import com.returnsdrawer.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A provider that is slow, unreachable or down: the shopper gets the plain link within the timeout plus one second,
 * and once a provider's circuit is open, at once and without a call; the circuit closes again after its reset.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderOutageTest {

    private static final String KEY = "as_key_0123456789";
    private static final long TIMEOUT_MS = 300;
    private static final long RESET_MS = 1000;
    private static final String LOOP_PORTAL = "https://acme.loopreturns.com/#/";
    private static final String LOOP_PLAIN = "https://acme.loopreturns.com/?order=1001&email=jon%40example.com&zip=40003#/";
    private static final String DEEP = "https://acme.loopreturns.com/#/lookup/deep-1001";

    private ProviderStandIn provider;
    private EmbeddedServer app;

    @BeforeAll
    void start() throws IOException {
        provider = new ProviderStandIn();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> props = TestDatabase.properties();
        props.put("loop.api-base-url", provider.baseUrl());
        // Nothing listens there: every AfterShip call is refused.
        props.put("aftership.api-base-url", "http://127.0.0.1:" + closedPort);
        props.put("provider-api.timeout-ms", TIMEOUT_MS);
        props.put("provider-api.circuit-reset", RESET_MS + "ms");
        app = ApplicationContext.run(EmbeddedServer.class, props, "test");
        // The first call of a fresh app loads and starts the HTTP client, which can take longer than this short timeout.
        for (int i = 0; i < 3; i++) {
            loopShop().click();
        }
    }

    @AfterAll
    void stop() {
        app.close();
        provider.close();
    }

    /** After the last test's failed attempts (up to three timeouts in a row) and the reset, a trial call goes through. */
    @BeforeEach
    void closeCircuits() throws InterruptedException {
        Thread.sleep(3 * (TIMEOUT_MS + 50) + RESET_MS + 200);
        provider.answerUrl(DEEP);
        provider.delay(0);
        provider.clear();
    }

    private ReturnClickFixture loopShop() {
        ReturnClickFixture f = new ReturnClickFixture(app, "40003");
        f.settings("loop", LOOP_PORTAL, KEY);
        return f;
    }

    private static long millisOf(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aProviderThatAnswersTooLateCostsTheShopperAtMostTheTimeoutAndASecond() {
        ReturnClickFixture f = loopShop();
        assertEquals(DEEP, f.click(), "a provider that answers in time is used");
        provider.delay(TIMEOUT_MS * 5);
        String[] location = new String[1];
        long took = millisOf(() -> location[0] = f.click());
        assertEquals(LOOP_PLAIN, location[0]);
        assertTrue(took >= TIMEOUT_MS - 50 && took < TIMEOUT_MS + 1000, took + " ms");
        assertTrue(provider.requests().size() >= 2);
    }

    @Test
    void aRefusedConnectionFallsBackToThePlainLink() {
        ReturnClickFixture f = new ReturnClickFixture(app, "40003");
        f.settings("aftership", "https://acme.returns.aftership.com/", KEY);
        String[] location = new String[1];
        long took = millisOf(() -> location[0] = f.click());
        assertEquals("https://acme.returns.aftership.com/", location[0]);
        assertTrue(took < TIMEOUT_MS + 1000, took + " ms");
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndItClosesAgainAfterTheReset() throws InterruptedException {
        ReturnClickFixture f = loopShop();
        assertEquals(DEEP, f.click(), "the circuit starts closed");

        provider.answer(503, "{\"error\": \"unavailable\"}");
        provider.clear();
        assertEquals(LOOP_PLAIN, f.click());
        // The failed call and its retries reach the provider; then the circuit is open.
        Thread.sleep(200);
        int calls = provider.requests().size();
        assertTrue(calls >= 1, "calls: " + calls);

        // Were a call made now, it would wait out the whole timeout.
        provider.answerUrl(DEEP);
        provider.delay(TIMEOUT_MS * 5);
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            String[] location = new String[1];
            fastest = Math.min(fastest, millisOf(() -> location[0] = f.click()));
            assertEquals(LOOP_PLAIN, location[0], "open circuit: the plain link");
        }
        assertTrue(fastest < TIMEOUT_MS, "open circuit: no wait for the provider, " + fastest + " ms");
        assertEquals(calls, provider.requests().size(), "open circuit: no call made");
        provider.delay(0);

        Thread.sleep(RESET_MS + 100);
        assertEquals(DEEP, f.click(), "after the reset a trial call is made, and it closes the circuit");
        assertEquals(DEEP, f.click());
        assertEquals(calls + 2, provider.requests().size());
    }
}
