package dev.keyway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** The database: a pooled DataSource (embedded H2 file or PostgreSQL), migrated by Flyway, used through JDBI. */
public final class Database implements AutoCloseable {
    /** WRITE_DELAY=0: H2 writes each commit to its file before the commit returns (the default, 500 ms, loses the last
     *  commits on kill -9: acknowledged hook events, rotated refresh tokens). */
    static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=20000;WRITE_DELAY=0";

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean postgres;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.jdbi = Jdbi.create(dataSource);
    }

    public static Database open(String url, String user, String password) {
        boolean postgres = url.startsWith("jdbc:postgresql:");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.startsWith("jdbc:h2:") && !url.contains(";MODE=") ? url + H2_OPTIONS : url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(16);
        config.setPoolName("keyway");
        if (postgres) {
            // a refresh waits on another instance's row lock at most this long
            config.setConnectionInitSql("SET lock_timeout = '20s'");
        }
        Database db = new Database(new HikariDataSource(config), postgres);
        db.migrate();
        return db;
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return postgres;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
