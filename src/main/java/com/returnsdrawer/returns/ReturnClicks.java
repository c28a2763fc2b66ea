package com.returnsdrawer.returns;

import com.returnsdrawer.db.Database;
import com.returnsdrawer.db.GroupCommit;
import com.returnsdrawer.db.MultiRow;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import static com.returnsdrawer.db.Times.fromDb;
import static com.returnsdrawer.db.Times.toDb;

/**
 * The one owner of {@code return_clicks}: every "Start a return" click that was redirected, counted once per order,
 * customer and UTC day, the per-day counts the merchant sees, a customer's clicks for a data request, and their redaction.
 *
 * <p>Clicks are group-committed ({@link GroupCommit}): clicks that arrive while the writers are busy are inserted
 * together, in one multi-row statement. A click's future completes once its row is committed, so a shopper is
 * redirected after the click is durably counted, and a burst of clicks costs one commit per group.
 * Hand-written JDBC for that insert only (W3; docs/performance.md, "Group commit for return clicks"); the cold paths go through
 * {@link ReturnClickRepository}.
 */
@Singleton
public class ReturnClicks {

    private static final Logger LOG = LoggerFactory.getLogger(ReturnClicks.class);
    private static final String INSERT = "INSERT INTO return_clicks (shop_id, order_id, customer_id, provider, surface, clicked_at) VALUES";
    // A repeat of the same order, customer and UTC day is no new click: the first one stays (unique key, V14).
    private static final String ON_REPEAT = " ON DUPLICATE KEY UPDATE clicked_at = clicked_at";
    private static final int COLUMNS = 6;

    /** One click to record. */
    record Click(long shopId, long orderId, long customerId, String provider, Surface surface, Instant at) {
    }

    private final Database database;
    private final ReturnClickRepository repository;
    private final GroupCommit<Click, Void> writes;

    ReturnClicks(Database database, ReturnClickRepository repository, @Value("${returns.clicks.writers:1}") int writers,
                 @Value("${returns.clicks.max-group:64}") int maxGroup) {
        this.database = database;
        this.repository = repository;
        this.writes = new GroupCommit<>("click-writer", writers, maxGroup, this::writeGroup);
    }

    /** Inserts what is queued (for up to 10 s); a click recorded after that is inserted on its own thread. */
    @PreDestroy
    void close() {
        writes.close();
    }

    /**
     * Records one click; the future completes once it is committed, and fails with
     * {@link Database.DatabaseException} when it could not be.
     */
    public CompletableFuture<Void> record(long shopId, long orderId, long customerId, Provider provider, Surface surface,
                                          Instant at) {
        Click click = new Click(shopId, orderId, customerId, provider.id(), surface, at);
        return writes.submit(click).exceptionallyCompose(e -> {
            if (!(e instanceof RejectedExecutionException)) {
                return CompletableFuture.failedFuture(e);
            }
            List<Database.DatabaseException> failed = insertAll(List.of(click));
            return failed.get(0) == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failed.get(0));
        });
    }

    private void writeGroup(List<GroupCommit.Pending<Click, Void>> group) {
        List<Database.DatabaseException> failed = insertAll(group.stream().map(GroupCommit.Pending::unit).toList());
        for (int i = 0; i < group.size(); i++) {
            if (failed.get(i) == null) {
                group.get(i).complete(null);
            } else {
                group.get(i).fail(failed.get(i));
            }
        }
    }

    /**
     * Inserts the clicks in one statement; per click, null when it is stored, else why not. When the statement
     * fails for a reason other than a lost database (a shop deleted meanwhile, say), the clicks are inserted one
     * by one, so one bad click never costs the others theirs.
     */
    List<Database.DatabaseException> insertAll(List<Click> clicks) {
        List<Database.DatabaseException> failed = new ArrayList<>(Collections.nCopies(clicks.size(), null));
        try {
            insert(clicks);
            return failed;
        } catch (Database.DatabaseException e) {
            if (e.unavailable() || clicks.size() == 1) {
                return new ArrayList<>(Collections.nCopies(clicks.size(), e));
            }
            LOG.info("a group of {} return clicks was not inserted ({}); inserting them one by one", clicks.size(), e.getMessage());
        }
        for (int i = 0; i < clicks.size(); i++) {
            try {
                insert(List.of(clicks.get(i)));
            } catch (Database.DatabaseException e) {
                failed.set(i, e);
            }
        }
        return failed;
    }

    private void insert(List<Click> clicks) {
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(MultiRow.values(INSERT, COLUMNS, clicks.size(), ON_REPEAT))) {
                int i = 0;
                for (Click click : clicks) {
                    ps.setLong(++i, click.shopId());
                    ps.setLong(++i, click.orderId());
                    ps.setLong(++i, click.customerId());
                    ps.setString(++i, click.provider());
                    ps.setString(++i, click.surface().code());
                    ps.setObject(++i, toDb(click.at()));
                }
                return ps.executeUpdate();
            }
        });
    }

    /** Clicks on one UTC day: all of them, and from each surface. */
    @Serdeable
    public record Day(String date, long clicks, long drawer, long customerAccount) {
    }

    /** The last {@code days} UTC days up to {@code now}, oldest first, days without clicks included. */
    public List<Day> perDay(long shopId, Instant now, int days) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, long[]> counts = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            counts.put(d, new long[Surface.values().length]);
        }
        for (ReturnClickRepository.DayCount count : repository.countPerDay(shopId, first.atStartOfDay())) {
            long[] bySurface = counts.get(count.clickDate());
            if (bySurface != null) {
                Surface surface = Surface.CUSTOMER_ACCOUNT.code().equals(count.surface()) ? Surface.CUSTOMER_ACCOUNT : Surface.DRAWER;
                bySurface[surface.ordinal()] += count.clicks();
            }
        }
        List<Day> out = new ArrayList<>();
        counts.forEach((d, n) -> out.add(new Day(d.toString(), n[0] + n[1], n[Surface.DRAWER.ordinal()],
                n[Surface.CUSTOMER_ACCOUNT.ordinal()])));
        return out;
    }

    /** One recorded click, as a customer's data request exports it. */
    public record Recorded(long orderId, String provider, String surface, Instant clickedAt) {
    }

    /** The customer's clicks in this shop, oldest first. */
    public List<Recorded> ofCustomer(long shopId, long customerId) {
        return repository.findByShopIdAndCustomerIdOrderByClickedAt(shopId, customerId).stream()
                .map(c -> new Recorded(c.orderId(), c.provider(), c.surface(), fromDb(c.clickedAt())))
                .toList();
    }

    /** customers/redact: forgets the customer's clicks in this shop; joins the caller's unit of work. */
    public void forgetCustomer(long shopId, long customerId) {
        repository.deleteByShopIdAndCustomerId(shopId, customerId);
    }

    /** shop/redact: forgets up to {@code limit} of the shop's clicks in the caller's transaction; returns how many. */
    public int forgetShopBatch(Connection c, long shopId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM return_clicks WHERE shop_id = ? LIMIT " + limit)) {
            ps.setLong(1, shopId);
            return ps.executeUpdate();
        }
    }

    /** shop/redact: forgets every click in this shop; joins the caller's unit of work. */
    public void forgetShop(long shopId) {
        repository.deleteByShopId(shopId);
    }
}
