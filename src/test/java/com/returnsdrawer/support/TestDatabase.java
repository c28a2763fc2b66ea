package com.returnsdrawer.support;

import org.h2.tools.Server;

import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database the suite runs against: MySQL/MariaDB when {@code DATASOURCES_DEFAULT_URL} is set (as in CI),
 * else the embedded database. Can route an app context through a {@link CuttableTcpProxy}.
 */
public final class TestDatabase {

    private static final Pattern MYSQL_HOST = Pattern.compile("^jdbc:mysql://([^/:?]+)(?::(\\d+))?(/.*)$");
    private static Server h2Server;

    private TestDatabase() {
    }

    public static String externalUrl() {
        String url = System.getenv("DATASOURCES_DEFAULT_URL");
        return url == null || url.isBlank() ? null : url;
    }

    public static boolean isMySql() {
        return externalUrl() != null;
    }

    /** Context properties naming the suite's own database (the test environment's default, or the external one). */
    public static Map<String, Object> properties() {
        Map<String, Object> props = new HashMap<>();
        String url = externalUrl();
        if (url != null) {
            props.put("datasources.default.url", url);
        } else {
            props.put("datasources.default.url", "jdbc:h2:mem:returns-drawer-test;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                    + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
            props.put("datasources.default.username", "sa");
            props.put("datasources.default.password", "");
        }
        return props;
    }

    /**
     * A proxy in front of the suite's database and the context properties that send an app through it. On the
     * embedded database that is an H2 TCP server with a fresh in-memory database.
     */
    public static Routed throughProxy() throws IOException, SQLException {
        Map<String, Object> props = new HashMap<>();
        String url = externalUrl();
        CuttableTcpProxy proxy;
        if (url != null) {
            Matcher m = MYSQL_HOST.matcher(url);
            if (!m.matches()) {
                throw new IllegalStateException("cannot route " + url.replaceAll("password=[^&]*", "password=***"));
            }
            proxy = new CuttableTcpProxy(m.group(1), m.group(2) == null ? 3306 : Integer.parseInt(m.group(2)));
            props.put("datasources.default.url", "jdbc:mysql://127.0.0.1:" + proxy.port() + m.group(3));
        } else {
            proxy = new CuttableTcpProxy("127.0.0.1", h2Server().getPort());
            props.put("datasources.default.url", "jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/mem:proxied-"
                    + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
        }
        props.put("datasources.default.connection-timeout", "1000");
        props.put("datasources.default.validation-timeout", "500");
        return new Routed(proxy, props);
    }

    /**
     * Context properties for a database of its own (fresh in-memory, or a new schema on the external server,
     * created on connect): for tests that change what others read, such as the dev demo shop.
     */
    public static Map<String, Object> isolated(String name) {
        Map<String, Object> props = new HashMap<>();
        String url = externalUrl();
        String unique = name + "_" + Long.toString(System.nanoTime(), 36);
        if (url != null) {
            Matcher m = MYSQL_HOST.matcher(url);
            if (!m.matches()) {
                throw new IllegalStateException("cannot derive a database from the configured URL");
            }
            String rest = m.group(3);
            int q = rest.indexOf('?');
            String params = q < 0 ? "" : "&" + rest.substring(q + 1);
            props.put("datasources.default.url", "jdbc:mysql://" + m.group(1) + ":" + (m.group(2) == null ? "3306" : m.group(2))
                    + "/rd_" + unique + "?createDatabaseIfNotExist=true" + params);
        } else {
            props.put("datasources.default.url", "jdbc:h2:mem:" + unique + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                    + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
            props.put("datasources.default.username", "sa");
            props.put("datasources.default.password", "");
        }
        return props;
    }

    /** Drops a database made by {@link #isolated} on the external server (in-memory ones vanish by themselves). */
    public static void dropIsolated(Map<String, Object> props) {
        String url = (String) props.get("datasources.default.url");
        if (!url.startsWith("jdbc:mysql:")) {
            return;
        }
        String db = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        try (var c = java.sql.DriverManager.getConnection(externalUrl(),
                System.getenv().getOrDefault("DATASOURCES_DEFAULT_USERNAME", ""),
                System.getenv().getOrDefault("DATASOURCES_DEFAULT_PASSWORD", ""));
             var st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + db + "`");
        } catch (SQLException e) {
            // a leftover schema on a throwaway server; not worth failing the test for
        }
    }

    /**
     * JDBC settings for a database that another process (the app started as an operator would) can share with
     * the test: the external database, or a fresh in-memory database on this JVM's H2 TCP server.
     */
    public static Shared shared() throws SQLException {
        String url = externalUrl();
        if (url != null) {
            return new Shared(url, System.getenv().getOrDefault("DATASOURCES_DEFAULT_USERNAME", ""),
                    System.getenv().getOrDefault("DATASOURCES_DEFAULT_PASSWORD", ""));
        }
        return new Shared("jdbc:h2:tcp://127.0.0.1:" + h2Server().getPort() + "/mem:shared-" + UUID.randomUUID()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
    }

    public record Shared(String url, String username, String password) {
        public Map<String, String> environment() {
            return Map.of("DATASOURCES_DEFAULT_URL", url, "DATASOURCES_DEFAULT_USERNAME", username,
                    "DATASOURCES_DEFAULT_PASSWORD", password);
        }

        public java.sql.Connection connect() throws SQLException {
            return java.sql.DriverManager.getConnection(url, username, password);
        }
    }

    private static synchronized Server h2Server() throws SQLException {
        if (h2Server == null) {
            h2Server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        }
        return h2Server;
    }

    public record Routed(CuttableTcpProxy proxy, Map<String, Object> properties) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            proxy.close();
        }
    }
}
