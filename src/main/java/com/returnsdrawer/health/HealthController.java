package com.returnsdrawer.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.returnsdrawer.db.Database;

/** {@code GET /health}: 200 {@code UP} when the database answers a validation round trip, else 503. */
@Controller("/health")
class HealthController {

    private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);

    private final Database database;

    HealthController(Database database) {
        this.database = database;
    }

    @Serdeable
    record Health(String status, String database) {
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<Health> health() {
        if (database.ping()) {
            return HttpResponse.ok(new Health("UP", "UP"));
        }
        LOG.warn("health check: database unavailable");
        return HttpResponse.<Health>status(HttpStatus.SERVICE_UNAVAILABLE).body(new Health("DOWN", "DOWN"));
    }
}
