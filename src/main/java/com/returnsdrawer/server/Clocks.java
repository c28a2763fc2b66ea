package com.returnsdrawer.server;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The clock of code that asks for one (ticket expiry): the system's, in UTC; tests may replace it. */
@Factory
class Clocks {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
