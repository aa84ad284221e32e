package dev.keyway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.account.AccountId;
import dev.keyway.account.Accounts;
import dev.keyway.crypto.Keysets;
import dev.keyway.crypto.SecretBox;
import dev.keyway.oauth.ClientAuth;
import dev.keyway.store.Database;
import dev.keyway.store.Json;
import dev.keyway.testing.Databases;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sweep's query on both databases: a margin never exceeds half a grant's lifetime. */
class GrantsDueForRefreshTest {
    private static final Duration MARGIN = Duration.ofSeconds(300);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void whenAGrantLivesNoLongerThanTheMarginThenItIsDueOnlyOnceHalfItsLifetimeHasPassed(String vendor) {
        String url = vendor.equals("h2") ? Databases.freshH2() : Databases.freshPostgres();
        try (Database db = Database.open(url, Databases.user(url), "")) {
            GrantRepository grants = new GrantRepository(db.jdbi(), new SecretBox(Keysets.generate()), Json.mapper());
            AccountId account = new Accounts(db.jdbi(), Clock.systemUTC()).create("Due test").id();
            ConnectionId shortFresh = saved(db, grants, account, now.minusSeconds(100), now.plusSeconds(200));
            ConnectionId shortHalfGone = saved(db, grants, account, now.minusSeconds(160), now.plusSeconds(140));
            ConnectionId longWithinMargin = saved(db, grants, account, now.minusSeconds(3400), now.plusSeconds(200));
            ConnectionId longFarFromExpiry = saved(db, grants, account, now.minusSeconds(100), now.plusSeconds(3500));

            List<ConnectionId> due = grants.dueForRefresh(now.plus(MARGIN), now, 100);

            assertThat(due).containsExactly(shortHalfGone, longWithinMargin).doesNotContain(shortFresh, longFarFromExpiry);
        }
    }

    private static ConnectionId saved(Database db, GrantRepository grants, AccountId account, Instant refreshedAt,
                                      Instant expiresAt) {
        ConnectionId id = ConnectionId.random();
        OAuth2Settings settings = new OAuth2Settings("client", URI.create("https://as.example/authorize"),
                URI.create("https://as.example/token"), null, null, List.of("a"), " ", ClientAuth.CLIENT_SECRET_BASIC,
                true, Map.of(), Map.of());
        Connection c = new Connection(id, account, "oauth2", "c " + id, "", settings, true, Status.CONNECTED,
                null, null, refreshedAt, refreshedAt, refreshedAt);
        ConnectionRepository connections = new ConnectionRepository(db.jdbi(), new SecretBox(Keysets.generate()), Json.mapper());
        db.jdbi().useTransaction(h -> {
            connections.insert(h, c, "secret");
            grants.save(h, new Grant(id, "access", "refresh", "Bearer", expiresAt, List.of("a"), Map.of(), 0, refreshedAt, 0, null));
        });
        return id;
    }
}
