package com.returnsdrawer.db;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Pool and driver settings. For every database, the pool learns which failures mean a dead connection
 * ({@link BrokenConnections}). For MySQL, settings only Connector/J understands (the embedded database would
 * reject them): cached server-side prepared statements, batched inserts rewritten to multi-row statements, UTC
 * sessions. An operator's own settings in the URL or configuration win.
 */
@Singleton
class DataSourceTuning implements BeanCreatedEventListener<DatasourceConfiguration> {

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        if (config.getExceptionOverrideClassName() == null) {
            config.setExceptionOverrideClassName(BrokenConnections.class.getName());
        }
        String url = config.getUrl();
        if (url != null && url.startsWith("jdbc:mysql:")) {
            var props = config.getDataSourceProperties();
            props.putIfAbsent("cachePrepStmts", "true");
            props.putIfAbsent("prepStmtCacheSize", "250");
            // Multi-row statements run to ~70,000 characters (2,000 line items); above this limit Connector/J prepares
            // a statement on the server anew every time, parameter by parameter (docs/performance.md, "Bulk import").
            props.putIfAbsent("prepStmtCacheSqlLimit", "131072");
            props.putIfAbsent("useServerPrepStmts", "true");
            props.putIfAbsent("rewriteBatchedStatements", "true");
            props.putIfAbsent("useLocalSessionState", "true");
            props.putIfAbsent("cacheServerConfiguration", "true");
            props.putIfAbsent("elideSetAutoCommits", "true");
            props.putIfAbsent("maintainTimeStats", "false");
            props.putIfAbsent("connectionTimeZone", "UTC");
            props.putIfAbsent("characterEncoding", "UTF-8");
            props.putIfAbsent("connectTimeout", "3000");
            config.setDataSourceProperties(props);
        }
        return config;
    }
}
