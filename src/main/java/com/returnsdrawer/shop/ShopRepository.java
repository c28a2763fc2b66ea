package com.returnsdrawer.shop;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The cold paths of {@code shops}, for {@link ShopStore} only. Called inside a unit of work (a webhook delivery),
 * they join its transaction.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface ShopRepository extends GenericRepository<ShopRecord, Long> {

    /** A shop with whether it holds a token (never the token itself). */
    @Introspected
    record Summary(long id, String domain, boolean installed, @Nullable String scopes, boolean hasToken,
                   @Nullable LocalDateTime installedAt, @Nullable LocalDateTime uninstalledAt) {
    }

    // A computed column (has_token) reads only as a query: a derived finder would have to map the token.
    @Query("""
            SELECT id, domain, installed, scopes, access_token IS NOT NULL AS has_token, installed_at, uninstalled_at
            FROM shops WHERE domain = :domain""")
    Optional<Summary> findSummary(String domain);

    Optional<ShopRecord> findById(Long id);

    // Whether a token is held is all that is read: the mapped entity never holds one.
    @Query("SELECT id FROM shops WHERE installed = TRUE AND access_token IS NOT NULL ORDER BY id")
    List<Long> findIdsInstalledWithToken();

    void update(@Id Long id, @Nullable String scopes, LocalDateTime updatedAt);

    // Tokens are cleared with the uninstall, and the first uninstall time is kept; a late uninstall (triggered
    // before a newer install) changes nothing.
    @Query("""
            UPDATE shops SET installed = FALSE, access_token = NULL, access_token_expires_at = NULL,
              refresh_token = NULL, refresh_token_expires_at = NULL,
              uninstalled_at = CASE WHEN installed THEN :at ELSE COALESCE(uninstalled_at, :at) END, updated_at = :at
            WHERE id = :id AND (installed_at IS NULL OR installed_at <= :at)""")
    void markUninstalled(long id, LocalDateTime at);

    @Query("UPDATE shops SET installed = TRUE, installed_at = :at, updated_at = :at WHERE id = :id AND installed = FALSE")
    void markInstalled(long id, LocalDateTime at);

    void deleteById(Long id);

    // Uninstalled from the redaction on, whatever came before: nothing of the shop is served any more.
    @Query("""
            UPDATE shops SET installed = FALSE, access_token = NULL, access_token_expires_at = NULL,
              refresh_token = NULL, refresh_token_expires_at = NULL, uninstalled_at = :at, updated_at = :at,
              redact_requested_at = COALESCE(redact_requested_at, :at)
            WHERE id = :id""")
    void markRedactRequested(long id, LocalDateTime at);

    @Query("SELECT id FROM shops WHERE redact_requested_at IS NOT NULL ORDER BY redact_requested_at")
    List<Long> findIdsRedactRequested();
}
