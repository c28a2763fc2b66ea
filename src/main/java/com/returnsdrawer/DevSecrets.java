package com.returnsdrawer;

import io.micronaut.context.env.PropertySource;
import io.micronaut.core.value.PropertyResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * Local secrets for the {@code dev} environment: generated once into the local data folder and reused, so
 * tokens encrypted in the embedded database stay readable across restarts. Never used outside {@code dev}.
 */
final class DevSecrets {

    static final String ENVIRONMENT = "dev";
    static final String DATA_DIR_PROPERTY = "dev.data-dir";
    private static final String FILE = "dev-secrets.properties";

    private DevSecrets() {
    }

    static PropertySource propertySource(PropertyResolver properties) {
        Path dir = Path.of(properties.getProperty(DATA_DIR_PROPERTY, String.class).orElse(".returns-drawer"));
        Map<String, Object> values = new HashMap<>();
        loadOrCreate(dir.resolve(FILE)).forEach((k, v) -> values.put((String) k, v));
        // Lowest priority: explicit environment variables and configuration files still win.
        return PropertySource.of("dev-secrets", values, -1000);
    }

    private static Properties loadOrCreate(Path file) {
        Properties props = new Properties();
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    props.load(in);
                }
                return props;
            }
            Files.createDirectories(file.getParent());
            SecureRandom random = new SecureRandom();
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            byte[] key = new byte[32];
            random.nextBytes(key);
            props.setProperty("shopify.api-key", "dev-returns-drawer");
            props.setProperty("shopify.api-secret", HexFormat.of().formatHex(secret));
            props.setProperty("token.encryption-key", Base64.getEncoder().encodeToString(key));
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the folder is the developer's own
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "Generated local secrets of the dev environment. Not for production.");
            }
            Files.move(tmp, file);
            return props;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep dev secrets in " + file, e);
        }
    }
}
