package dev.keyway.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh databases for tests: an H2 file in a temporary folder, or a new database on the local
 * PostgreSQL (127.0.0.1:5432, trust auth). When CI is set (or -Dkeyway.test.postgres=required),
 * a missing PostgreSQL fails the test instead of skipping it.
 */
public final class Databases {
    public static final String POSTGRES_ADMIN_URL = System.getProperty("keyway.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = System.getProperty("keyway.test.postgres.user", "postgres");

    private Databases() {
    }

    public static String freshH2() {
        try {
            Path dir = Files.createTempDirectory("keyway-h2-");
            return "jdbc:h2:file:" + dir.resolve("keyway").toAbsolutePath();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new, empty PostgreSQL database; its JDBC URL. */
    public static String freshPostgres() {
        String name = "keyway_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, "")) {
            c.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            if (postgresRequired()) {
                throw new AssertionError("PostgreSQL is required here (CI) but not reachable at " + POSTGRES_ADMIN_URL, e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + POSTGRES_ADMIN_URL + ": " + e.getMessage());
        }
        return POSTGRES_ADMIN_URL.substring(0, POSTGRES_ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    public static boolean postgresRequired() {
        return System.getenv("CI") != null || "required".equals(System.getProperty("keyway.test.postgres"));
    }

    public static String user(String url) {
        return url.startsWith("jdbc:postgresql:") ? POSTGRES_USER : "sa";
    }
}
