package com.returnsdrawer.compliance;

import com.returnsdrawer.session.AdminSession;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;
import java.util.Map;

/** The merchant's view of compliance requests: list them, download a data request's export. */
@Controller("/api/compliance/requests")
@ExecuteOn(TaskExecutors.BLOCKING)
class ComplianceController {

    private final ComplianceStore store;

    ComplianceController(ComplianceStore store) {
        this.store = store;
    }

    @Get
    List<ComplianceStore.Request> list(AdminSession session) {
        return store.list(session.shop());
    }

    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> export(AdminSession session, @PathVariable long id) {
        return store.export(session.shop(), id)
                .<HttpResponse<?>>map(json -> HttpResponse.ok(json)
                        .header("Content-Disposition", "attachment; filename=\"data-request-" + id + ".json\""))
                .orElseGet(() -> HttpResponse.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not_found")));
    }
}
