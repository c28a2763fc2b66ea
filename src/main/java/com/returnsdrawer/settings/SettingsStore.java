package com.returnsdrawer.settings;

import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Reads a shop's settings (defaults when never saved) and saves new ones, straight to the database every time. */
@Singleton
public class SettingsStore {

    private final SettingsRepository repository;
    private final com.returnsdrawer.db.Database database;
    private final Clock clock = Clock.systemUTC();

    SettingsStore(SettingsRepository repository, com.returnsdrawer.db.Database database) {
        this.repository = repository;
        this.database = database;
    }

    /** A storefront request's shop and its settings, in one query; empty for a shop the app has never seen. */
    public record StorefrontShop(long shopId, boolean installed, ReturnsSettings settings) {
    }

    /** The columns {@link #storefrontShop} reads, from {@code shops s LEFT JOIN settings t ON t.shop_id = s.id}. */
    public static final String STOREFRONT_COLUMNS = """
            s.id, s.installed, t.shop_id, t.provider, t.portal_url, t.enabled, t.return_trigger, t.return_window_days,
            t.support_email, t.support_url, t.updated_at""";

    /** How many columns {@link #STOREFRONT_COLUMNS} names. */
    public static final int STOREFRONT_COLUMN_COUNT = 11;

    public java.util.Optional<StorefrontShop> forStorefront(com.returnsdrawer.shopify.ShopDomain shop) {
        return database.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT " + STOREFRONT_COLUMNS
                    + " FROM shops s LEFT JOIN settings t ON t.shop_id = s.id WHERE s.domain = ?")) {
                ps.setString(1, shop.value());
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? java.util.Optional.of(storefrontShop(rs)) : java.util.Optional.<StorefrontShop>empty();
                }
            }
        });
    }

    /** The shop and its settings (defaults when never saved) from the current row's {@link #STOREFRONT_COLUMNS}. */
    public static StorefrontShop storefrontShop(java.sql.ResultSet rs) throws java.sql.SQLException {
        long id = rs.getLong(1);
        ReturnsSettings settings = rs.getObject(3) == null ? ReturnsSettings.defaults(id)
                : new ReturnsSettings(id, rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7),
                rs.getObject(8, Integer.class), rs.getString(9), rs.getString(10), null,
                rs.getObject(11, LocalDateTime.class));
        return new StorefrontShop(id, rs.getBoolean(2), settings);
    }

    public ReturnsSettings get(long shopId) {
        return repository.findById(shopId).orElseGet(() -> ReturnsSettings.defaults(shopId));
    }

    ReturnsSettings save(long shopId, SettingsInput input) {
        ReturnsSettings previous = get(shopId);
        ReturnsSettings next = new ReturnsSettings(shopId, input.provider(), input.portalUrl(), input.enabled(),
                input.returnTrigger(), input.returnWindowDays(), input.supportEmail(), input.supportUrl(),
                previous.providerApiKey(), LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS));
        if (repository.existsById(shopId)) {
            return repository.update(next);
        }
        try {
            return repository.save(next);
        } catch (DataAccessException e) {
            // Another request saved this shop's first settings at the same moment: ours is the later write.
            return repository.update(next);
        }
    }
}
