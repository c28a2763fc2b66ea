package com.returnsdrawer.shop;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDateTime;
import java.util.Optional;

/** The cold reads of {@code shops}, for {@link ShopStore} only. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface ShopRepository extends GenericRepository<ShopRecord, Long> {

    /** A shop with whether it holds a token (never the token itself). */
    @Introspected
    record Summary(long id, String domain, boolean installed, @Nullable String scopes, boolean hasToken,
                   @Nullable LocalDateTime installedAt, @Nullable LocalDateTime uninstalledAt) {
    }

    // A computed column (has_token) reads only as a query; a derived finder would have to map the token.
    @Query("""
            SELECT id, domain, installed, scopes, access_token IS NOT NULL AS has_token, installed_at, uninstalled_at
            FROM shops WHERE domain = :domain""")
    Optional<Summary> findSummary(String domain);

    Optional<ShopRecord> findById(Long id);
}
