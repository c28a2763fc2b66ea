package com.returnsdrawer.db;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * The one question {@code GET /health} answers: does the database answer? A real round trip on a pooled
 * connection ({@link Database#ping}), which also drops a connection found dead, so the pool recovers as soon as the
 * database is back (management's stock JDBC indicator hands a dead connection back to the pool as it found it).
 */
@Singleton
@Requires(beans = HealthEndpoint.class)
class DatabaseHealth extends AbstractHealthIndicator<Map<String, Object>> {

    private final Database database;

    DatabaseHealth(Database database) {
        this.database = database;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = database.ping() ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of();
    }

    @Override
    protected String getName() {
        return "database";
    }
}
