package com.returnsdrawer.returns;

import com.returnsdrawer.db.Database;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.returnsdrawer.db.Times.toDb;

/** Every "Start a return" click that was redirected, and the per-day counts the merchant sees. */
@Singleton
public class ReturnClicks {

    private final Database database;

    ReturnClicks(Database database) {
        this.database = database;
    }

    public void record(long shopId, long orderId, long customerId, Provider provider, Instant at) {
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO return_clicks (shop_id, order_id, customer_id, provider, clicked_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, shopId);
                ps.setLong(2, orderId);
                ps.setLong(3, customerId);
                ps.setString(4, provider.id());
                ps.setObject(5, toDb(at));
                return ps.executeUpdate();
            }
        });
    }

    /** Clicks on one UTC day. */
    @Serdeable
    public record Day(String date, long clicks) {
    }

    /** The last {@code days} UTC days up to {@code now}, oldest first, days without clicks included. */
    public List<Day> perDay(long shopId, Instant now, int days) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, Long> counts = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            counts.put(d, 0L);
        }
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT CAST(clicked_at AS DATE), COUNT(*) FROM return_clicks
                    WHERE shop_id = ? AND clicked_at >= ? GROUP BY CAST(clicked_at AS DATE)""")) {
                ps.setLong(1, shopId);
                ps.setObject(2, first.atStartOfDay());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDate day = rs.getObject(1, LocalDate.class);
                        long n = rs.getLong(2);
                        counts.computeIfPresent(day, (k, v) -> v + n);
                    }
                }
            }
            return null;
        });
        List<Day> out = new ArrayList<>();
        counts.forEach((d, n) -> out.add(new Day(d.toString(), n)));
        return out;
    }
}
