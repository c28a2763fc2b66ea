package com.returnsdrawer.support;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, replacing the app's clock when the test sets {@code test.manual-clock=true}: time
 * passes without sleeping. It starts at the real time.
 */
public final class ManualClock extends Clock {

    private volatile Instant now = Instant.now();

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Factory
    @Requires(property = "test.manual-clock", value = "true")
    static class Install {

        @Singleton
        @Replaces(Clock.class)
        ManualClock manualClock() {
            return new ManualClock();
        }
    }
}
