package com.returnsdrawer.db;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Every DATETIME(6) column holds UTC; these are the only conversions between it and {@link Instant}. */
public final class Times {

    private Times() {
    }

    public static LocalDateTime toDb(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant fromDb(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
