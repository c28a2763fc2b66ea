package com.returnsdrawer.compliance;

import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.returnsdrawer.db.Times.fromDb;
import static com.returnsdrawer.db.Times.toDb;

/**
 * The one owner of {@code compliance_requests}: the compliance requests a shop received, with the export built
 * for each data request. Called inside a webhook's unit of work, its writes join that unit.
 */
@Singleton
class ComplianceStore {

    private final ComplianceRepository repository;

    ComplianceStore(ComplianceRepository repository) {
        this.repository = repository;
    }

    /** A request as the merchant lists it (no export body). */
    @Serdeable
    record Request(long id, ComplianceKind kind, @Nullable String requestRef, @Nullable Long customerId,
                          Instant receivedAt, @Nullable Instant completedAt, boolean hasExport) {
    }

    /** Records a request, completed when received (every request is answered within its delivery). */
    void record(ShopDomain shop, ComplianceKind kind, @Nullable String requestRef, @Nullable Long customerId,
                Instant at, @Nullable String exportJson) {
        repository.save(new ComplianceRequest(null, shop.value(), kind, requestRef, customerId, toDb(at), toDb(at),
                exportJson));
    }

    /** The shop's newest 500 requests, newest first. */
    List<Request> list(ShopDomain shop) {
        return repository.listNewestFirst(shop.value()).stream()
                .map(r -> new Request(r.id(), ComplianceKind.of(r.kind()), r.requestRef(), r.customerId(),
                        fromDb(r.receivedAt()), fromDb(r.completedAt()), r.hasExport()))
                .toList();
    }

    /** The export of one data request of this shop; empty for another shop's request or one without export. */
    Optional<String> export(ShopDomain shop, long id) {
        return repository.findExportJsonByShopDomainAndId(shop.value(), id);
    }

    /** customers/redact: drops the customer's earlier exports; their requests stay listed, without export. */
    int forgetExports(ShopDomain shop, long customerId) {
        return repository.clearExports(shop.value(), customerId);
    }

    /** shop/redact: forgets every request of the shop, exports included. */
    void forgetShop(ShopDomain shop) {
        repository.deleteByShopDomain(shop.value());
    }
}
