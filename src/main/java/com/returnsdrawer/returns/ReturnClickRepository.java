package com.returnsdrawer.returns;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The cold paths of {@code return_clicks} (statistics, exports, redaction), for {@link ReturnClicks} only; inside
 * a webhook's unit of work it joins it.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface ReturnClickRepository extends GenericRepository<ReturnClick, Long> {

    /** Clicks on one UTC day from one surface. */
    @Introspected
    record DayCount(LocalDate clickDate, String surface, long clicks) {
    }

    @Query("""
            SELECT CAST(clicked_at AS DATE) AS click_date, surface, COUNT(*) AS clicks FROM return_clicks
            WHERE shop_id = :shopId AND clicked_at >= :from
            GROUP BY CAST(clicked_at AS DATE), surface""")
    List<DayCount> countPerDay(long shopId, LocalDateTime from);

    List<ReturnClick> findByShopIdAndCustomerIdOrderByClickedAt(long shopId, long customerId);

    void deleteByShopIdAndCustomerId(long shopId, long customerId);

    void deleteByShopId(long shopId);
}
