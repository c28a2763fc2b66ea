package com.returnsdrawer.compliance;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.LocalDateTime;

/**
 * A {@code compliance_requests} row: one request received through a compliance webhook, with the export built
 * for a data request. Kept by shop domain, so shop/redact can be recorded even for a shop the app never knew.
 */
@MappedEntity("compliance_requests")
record ComplianceRequest(@Id @GeneratedValue @Nullable Long id, String shopDomain,
                         @TypeDef(type = DataType.STRING, converter = ComplianceKind.Column.class) ComplianceKind kind,
                         @Nullable String requestRef, @Nullable Long customerId, LocalDateTime receivedAt,
                         @Nullable LocalDateTime completedAt, @Nullable String exportJson) {
}
