package com.returnsdrawer;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/**
 * The build's class-data-sharing training run ({@code pom.xml}, phase {@code package}): the app starts completely
 * on the embedded database, then exits, and the JVM writes every class start-up loaded to
 * {@code target/returns-drawer.jsa}. Started with {@code -XX:SharedArchiveFile} pointing at it, the JVM maps those
 * classes instead of loading, verifying and linking them from the jar again: start-up takes about half as long.
 */
@Singleton
@Requires(property = CdsTraining.PROPERTY, value = "true")
class CdsTraining implements ApplicationEventListener<ServerStartupEvent> {

    static final String PROPERTY = "returns-drawer.cds-training";

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        // From another thread: the shutdown hook stops the context, which must not wait on this listener.
        Thread exit = new Thread(() -> System.exit(0), "cds-training-exit");
        exit.start();
    }
}
