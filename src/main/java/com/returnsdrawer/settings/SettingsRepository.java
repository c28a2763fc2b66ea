package com.returnsdrawer.settings;

import com.returnsdrawer.orders.ReturnTrigger;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDateTime;
import java.util.List;

/** Settings rows by shop id (the primary key, so every query is scoped by shop). */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface SettingsRepository extends CrudRepository<ReturnsSettings, Long> {

    /**
     * Writes the merchant's fields, inserting the row the first time: one statement, so two first saves at the same
     * moment cannot collide. The provider's API key is left as it is.
     */
    @Query("""
            INSERT INTO settings (shop_id, provider, portal_url, enabled, return_trigger, return_window_days,
              support_email, support_url, updated_at)
            VALUES (:shopId, :provider, :portalUrl, :enabled, :returnTrigger, :returnWindowDays, :supportEmail,
              :supportUrl, :updatedAt)
            ON DUPLICATE KEY UPDATE provider = VALUES(provider), portal_url = VALUES(portal_url),
              enabled = VALUES(enabled), return_trigger = VALUES(return_trigger),
              return_window_days = VALUES(return_window_days), support_email = VALUES(support_email),
              support_url = VALUES(support_url), updated_at = VALUES(updated_at)""")
    void upsert(long shopId, @Nullable String provider, @Nullable String portalUrl, boolean enabled, ReturnTrigger returnTrigger,
                @Nullable Integer returnWindowDays, @Nullable String supportEmail, @Nullable String supportUrl,
                LocalDateTime updatedAt);

    /** Rows after {@code afterShopId} whose provider API key was sealed by another key than the current one. */
    @Query("""
            SELECT * FROM settings WHERE shop_id > :afterShopId AND provider_api_key IS NOT NULL
              AND provider_api_key NOT LIKE :currentPrefix ORDER BY shop_id LIMIT :limit""")
    List<ReturnsSettings> findSealedByOlderKey(long afterShopId, String currentPrefix, int limit);

    /** Compare-and-set: the same key in a new ciphertext, only while the row still holds {@code old}. */
    @Query("UPDATE settings SET provider_api_key = :sealed WHERE shop_id = :shopId AND provider_api_key = :old")
    int resealProviderApiKey(long shopId, String old, String sealed);
}
