package dev.keyway.account;

import dev.keyway.crypto.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Server-side operator sessions in the database, so that every Keyway instance behind a load balancer
 * knows them and a restart signs nobody out. The cookie carries 256 random bits; the table holds only
 * their SHA-256, so a copy of the database opens no session. A session ends after {@link #IDLE} without
 * a request or {@link #ABSOLUTE} after sign-in, whichever comes first.
 */
public final class Sessions {
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    /** last_seen_at is written at most this often: a page view is not a write each time. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A new session: the cookie value (shown to the browser only) and the session. toString() hides the value. */
    public record Started(String cookieValue, Session session) {
        @Override
        public String toString() {
            return "Started[" + session + "]";
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public Sessions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Started start(User user) {
        String value = Tokens.random(32);
        String csrf = Tokens.random(32);
        Instant now = clock.instant();
        jdbi.useHandle(h -> {
            // each sign-in sweeps every expired session away, so the table holds live sessions only
            h.createUpdate("delete from user_sessions where last_seen_at < :idle or created_at < :abs")
                    .bind("idle", now.minus(IDLE)).bind("abs", now.minus(ABSOLUTE)).execute();
            h.createUpdate("insert into user_sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) "
                            + "values (:id, :user, :csrf, :now, :now)")
                    .bind("id", Tokens.hash(value)).bind("user", user.id()).bind("csrf", csrf).bind("now", now).execute();
        });
        return new Started(value, new Session(user, csrf, now, now));
    }

    /** The live session for a cookie value, touched; empty (and deleted) when unknown or expired. */
    public Optional<Session> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        String id = Tokens.hash(cookieValue);
        Optional<Session> s = jdbi.withHandle(h -> h.createQuery("select s.csrf_token, s.created_at, s.last_seen_at, "
                        + "u.id, u.account_id, u.email from user_sessions s join users u on u.id = s.user_id where s.id_hash = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Session(new User(rs.getString("id"), new AccountId(rs.getString("account_id")),
                        rs.getString("email")), rs.getString("csrf_token"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_seen_at").toInstant()))
                .findOne());
        if (s.isEmpty()) {
            return s;
        }
        Instant now = clock.instant();
        Session live = s.get();
        if (!now.isBefore(live.lastSeenAt().plus(IDLE)) || !now.isBefore(live.createdAt().plus(ABSOLUTE))) {
            end(cookieValue);
            return Optional.empty();
        }
        if (!now.isBefore(live.lastSeenAt().plus(TOUCH_EVERY))) {
            jdbi.useHandle(h -> h.createUpdate("update user_sessions set last_seen_at = :now where id_hash = :id")
                    .bind("now", now).bind("id", id).execute());
            live = new Session(live.user(), live.csrfToken(), live.createdAt(), now);
        }
        return Optional.of(live);
    }

    public void end(String cookieValue) {
        if (cookieValue != null && !cookieValue.isEmpty()) {
            jdbi.useHandle(h -> h.createUpdate("delete from user_sessions where id_hash = :id")
                    .bind("id", Tokens.hash(cookieValue)).execute());
        }
    }
}
