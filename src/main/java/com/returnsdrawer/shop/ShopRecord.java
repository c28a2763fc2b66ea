package com.returnsdrawer.shop;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** A {@code shops} row's metadata. The token columns are deliberately not mapped: this record never holds a token. */
@MappedEntity("shops")
record ShopRecord(@Id @GeneratedValue Long id, String domain, boolean installed, @Nullable String scopes,
                  @Nullable LocalDateTime installedAt, @Nullable LocalDateTime uninstalledAt,
                  LocalDateTime createdAt, LocalDateTime updatedAt) {
}
