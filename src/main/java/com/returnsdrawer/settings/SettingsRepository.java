package com.returnsdrawer.settings;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** Settings rows by shop id (the primary key, so every query is scoped by shop). */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface SettingsRepository extends CrudRepository<ReturnsSettings, Long> {
}
