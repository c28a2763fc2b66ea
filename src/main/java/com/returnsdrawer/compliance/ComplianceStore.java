package com.returnsdrawer.compliance;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.shopify.ShopDomain;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.returnsdrawer.db.Times.fromDb;
import static com.returnsdrawer.db.Times.toDb;

/** The compliance requests a shop received, with the export built for each data request. */
@Singleton
public class ComplianceStore {

    private final Database database;

    ComplianceStore(Database database) {
        this.database = database;
    }

    /** A request as the merchant lists it (no export body). */
    @Serdeable
    public record Request(long id, String kind, @Nullable String requestRef, @Nullable Long customerId,
                          Instant receivedAt, @Nullable Instant completedAt, boolean hasExport) {
    }

    void insert(Connection c, ShopDomain shop, String kind, String requestRef, Long customerId, Instant at,
                String exportJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO compliance_requests (shop_domain, kind, request_ref, customer_id, received_at, completed_at,
                  export_json) VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, shop.value());
            ps.setString(2, kind);
            ps.setString(3, requestRef);
            if (customerId == null) {
                ps.setNull(4, Types.BIGINT);
            } else {
                ps.setLong(4, customerId);
            }
            ps.setObject(5, toDb(at));
            ps.setObject(6, toDb(at));
            ps.setString(7, exportJson);
            ps.executeUpdate();
        }
    }

    public List<Request> list(ShopDomain shop) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, kind, request_ref, customer_id, received_at, completed_at, export_json IS NOT NULL
                    FROM compliance_requests WHERE shop_domain = ? ORDER BY received_at DESC, id DESC LIMIT 500""")) {
                ps.setString(1, shop.value());
                List<Request> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Request(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, Long.class),
                                fromDb(rs.getObject(5, LocalDateTime.class)), fromDb(rs.getObject(6, LocalDateTime.class)),
                                rs.getBoolean(7)));
                    }
                }
                return out;
            }
        });
    }

    /** The export of one data request of this shop; empty for another shop's request or one without export. */
    public Optional<String> export(ShopDomain shop, long id) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT export_json FROM compliance_requests WHERE shop_domain = ? AND id = ?")) {
                ps.setString(1, shop.value());
                ps.setLong(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** shop/redact: forgets every request of the shop, exports included. */
    void deleteAll(Connection c, ShopDomain shop) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM compliance_requests WHERE shop_domain = ?")) {
            ps.setString(1, shop.value());
            ps.executeUpdate();
        }
    }
}
