package com.returnsdrawer.compliance;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** {@code compliance_requests} by shop, for {@link ComplianceStore} only; inside a webhook's unit it joins it. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface ComplianceRepository extends GenericRepository<ComplianceRequest, Long> {

    /** A request as listed: whether it has an export, not the export. */
    @Introspected
    record Listed(long id, String kind, @Nullable String requestRef, @Nullable Long customerId,
                  LocalDateTime receivedAt, @Nullable LocalDateTime completedAt, boolean hasExport) {
    }

    ComplianceRequest save(ComplianceRequest request);

    // The export itself can be megabytes: the list reads only whether there is one.
    @Query("""
            SELECT id, kind, request_ref, customer_id, received_at, completed_at, export_json IS NOT NULL AS has_export
            FROM compliance_requests WHERE shop_domain = :shopDomain
            ORDER BY received_at DESC, id DESC LIMIT 500""")
    List<Listed> listNewestFirst(String shopDomain);

    Optional<String> findExportJsonByShopDomainAndId(String shopDomain, Long id);

    void deleteByShopDomain(String shopDomain);

    @Query("""
            UPDATE compliance_requests SET export_json = NULL
            WHERE shop_domain = :shopDomain AND customer_id = :customerId AND export_json IS NOT NULL""")
    int clearExports(String shopDomain, long customerId);
}
