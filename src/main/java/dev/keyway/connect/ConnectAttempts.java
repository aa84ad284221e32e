package dev.keyway.connect;

import dev.keyway.connection.ConnectionId;
import dev.keyway.store.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Connect attempts in the database. Each step is a compare-and-set, so every one-time value is used once. */
final class ConnectAttempts {
    private final Jdbi jdbi;

    ConnectAttempts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void create(String id, ConnectionId connection, String linkHash, String returnUrl, Instant now, Instant expiresAt) {
        jdbi.useHandle(h -> h.createUpdate("insert into connect_attempts (id, connection_id, link_hash, return_url, "
                        + "created_at, expires_at) values (:id, :connection, :link, :ret, :now, :expires)")
                .bind("id", id).bind("connection", connection.value()).bind("link", linkHash)
                .bindByType("ret", returnUrl, String.class).bind("now", now).bind("expires", expiresAt).execute());
    }

    Optional<ConnectAttempt> byLink(String linkHash) {
        return find("link_hash", linkHash);
    }

    Optional<ConnectAttempt> byState(String stateHash) {
        return find("state_hash", stateHash);
    }

    /** Opens the link once: true only for the first caller. */
    boolean open(String id, String stateHash, String browserHash, byte[] sealedVerifier, byte[] sealedNonce, Instant now,
                 Instant expiresAt) {
        return jdbi.withHandle(h -> h.createUpdate("update connect_attempts set opened_at = :now, state_hash = :state, "
                        + "browser_hash = :browser, pkce_verifier = :verifier, nonce = :nonce, expires_at = :expires "
                        + "where id = :id and opened_at is null")
                .bind("id", id).bind("now", now).bind("state", stateHash).bind("browser", browserHash)
                .bindByType("verifier", sealedVerifier, byte[].class).bindByType("nonce", sealedNonce, byte[].class)
                .bind("expires", expiresAt).execute()) == 1;
    }

    /** Uses the state once: true only for the first callback. */
    boolean use(String id, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("update connect_attempts set used_at = :now where id = :id and used_at is null")
                .bind("id", id).bind("now", now).execute()) == 1;
    }

    /** Attempts are kept a day for diagnosis, then dropped. */
    void purge(Instant before) {
        jdbi.useHandle(h -> h.createUpdate("delete from connect_attempts where expires_at < :before").bind("before", before).execute());
    }

    private Optional<ConnectAttempt> find(String column, String hash) {
        return jdbi.withHandle(h -> h.createQuery("select * from connect_attempts where " + column + " = :hash")
                .bind("hash", hash).map((rs, ctx) -> read(rs)).findOne());
    }

    private static ConnectAttempt read(ResultSet rs) throws SQLException {
        return new ConnectAttempt(rs.getString("id"), new ConnectionId(rs.getString("connection_id")),
                rs.getString("state_hash"), rs.getString("browser_hash"), rs.getBytes("pkce_verifier"),
                rs.getString("return_url"), Rows.instant(rs.getTimestamp("expires_at")),
                Rows.instant(rs.getTimestamp("opened_at")), Rows.instant(rs.getTimestamp("used_at")), rs.getBytes("nonce"));
    }

}
