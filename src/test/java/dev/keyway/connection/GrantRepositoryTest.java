package dev.keyway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.account.AccountId;
import dev.keyway.account.Accounts;
import dev.keyway.crypto.Keysets;
import dev.keyway.crypto.SecretBox;
import dev.keyway.oauth.ClientAuth;
import dev.keyway.store.Database;
import dev.keyway.store.Json;
import dev.keyway.testing.Databases;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The grant store on both databases: round trip, versions, the refresh row lock, encryption at rest. */
class GrantRepositoryTest {
    /** One migrated database per vendor for the whole class; every test makes its own connections. */
    private static final Map<String, Store> STORES = new ConcurrentHashMap<>();
    private static final SecretBox BOX = new SecretBox(Keysets.generate());
    private static final ObjectMapper JSON = Json.mapper();

    private record Store(Database db, GrantRepository grants, ConnectionRepository connections, AccountId account) { }

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    private static Store store(String vendor) {
        return STORES.computeIfAbsent(vendor, v -> {
            String url = v.equals("h2") ? Databases.freshH2() : Databases.freshPostgres();
            Database db = Database.open(url, Databases.user(url), "");
            AccountId account = new Accounts(db.jdbi(), Clock.systemUTC()).create("Repo test").id();
            return new Store(db, new GrantRepository(db.jdbi(), BOX, JSON), new ConnectionRepository(db.jdbi(), BOX, JSON),
                    account);
        });
    }

    @AfterAll
    static void close() {
        STORES.values().forEach(s -> s.db().close());
    }

    private static ConnectionId newConnection(Store s) {
        ConnectionId id = ConnectionId.random();
        Instant now = Instant.now();
        OAuth2Settings settings = new OAuth2Settings("client", URI.create("https://as.example/authorize"),
                URI.create("https://as.example/token"), null, null, List.of("a"), " ", ClientAuth.CLIENT_SECRET_BASIC,
                true, Map.of(), Map.of());
        Connection c = new Connection(id, s.account(), "oauth2", "c " + id, "", settings, true, Status.CONNECTED,
                null, null, now, now, now);
        s.db().jdbi().useTransaction(h -> s.connections().insert(h, c, "client-secret-" + id));
        return id;
    }

    private static Grant grant(ConnectionId id, String access, String refresh, List<String> scopes,
                               Map<String, Object> extra) {
        return new Grant(id, access, refresh, "Bearer", Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS),
                scopes, extra, 0, Instant.now().truncatedTo(ChronoUnit.MILLIS), 0, null);
    }

    private static Grant save(Store s, Grant g) {
        return s.db().jdbi().inTransaction(h -> s.grants().save(h, g));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void savedGrantReadsBackWithDecryptedTokensExtrasAndScopes(String vendor) {
        Store s = store(vendor);
        ConnectionId id = newConnection(s);
        Grant written = grant(id, "access-" + id, "refresh-" + id, List.of("crm.read", "crm.write"),
                Map.of("instance_url", "https://eu1.example", "nested", Map.of("n", 3)));

        Grant saved = save(s, written);
        Grant read = s.grants().find(id).orElseThrow();

        assertThat(saved.version()).isEqualTo(1);
        assertThat(read.accessToken()).isEqualTo("access-" + id);
        assertThat(read.refreshToken()).isEqualTo("refresh-" + id);
        assertThat(read.tokenType()).isEqualTo("Bearer");
        assertThat(read.expiresAt()).isEqualTo(written.expiresAt());
        assertThat(read.scopes()).containsExactly("crm.read", "crm.write");
        assertThat(read.extra()).containsEntry("instance_url", "https://eu1.example")
                .containsEntry("nested", Map.of("n", 3));
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.failures()).isZero();
        assertThat(read.nextAttemptAt()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void unknownScopesStayNullAndAMissingRefreshTokenOrExpiryStaysMissing(String vendor) {
        Store s = store(vendor);
        ConnectionId id = newConnection(s);
        save(s, new Grant(id, "access", null, "Bearer", null, null, Map.of(), 0, Instant.now(), 0, null));

        Grant read = s.grants().find(id).orElseThrow();

        assertThat(read.scopes()).isNull();
        assertThat(read.refreshToken()).isNull();
        assertThat(read.expiresAt()).isNull();
        assertThat(read.extra()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everySaveIncrementsTheVersionAndClearsRecordedFailures(String vendor) {
        Store s = store(vendor);
        ConnectionId id = newConnection(s);
        save(s, grant(id, "a1", "r1", List.of("a"), Map.of()));
        Instant next = Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        s.db().jdbi().useTransaction(h -> s.grants().recordFailure(h, id, next));
        Grant failed = s.grants().find(id).orElseThrow();
        assertThat(failed.failures()).isEqualTo(1);
        assertThat(failed.nextAttemptAt()).isEqualTo(next);
        assertThat(failed.version()).as("a failure is no new grant").isEqualTo(1);

        Grant second = save(s, grant(id, "a2", "r2", List.of("a"), Map.of()));
        Grant third = save(s, grant(id, "a3", "r3", List.of("a"), Map.of()));

        assertThat(second.version()).isEqualTo(2);
        assertThat(third.version()).isEqualTo(3);
        Grant read = s.grants().find(id).orElseThrow();
        assertThat(read.version()).isEqualTo(3);
        assertThat(read.accessToken()).isEqualTo("a3");
        assertThat(read.refreshToken()).isEqualTo("r3");
        assertThat(read.failures()).isZero();
        assertThat(read.nextAttemptAt()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void lockBlocksASecondTransactionUntilTheFirstCommitsThenTheSecondSeesTheNewVersion(String vendor) throws Exception {
        Store s = store(vendor);
        ConnectionId id = newConnection(s);
        save(s, grant(id, "a1", "r1", List.of("a"), Map.of()));
        CountDownLatch firstHoldsLock = new CountDownLatch(1);
        CountDownLatch firstMayCommit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> s.db().jdbi().inTransaction(h -> {
                assertThat(s.grants().lock(h, id)).isPresent();
                firstHoldsLock.countDown();
                awaitLatch(firstMayCommit);
                return s.grants().save(h, grant(id, "a2", "r2", List.of("a"), Map.of())).version();
            }), threads);
            assertThat(firstHoldsLock.await(20, TimeUnit.SECONDS)).isTrue();
            int waitingBefore = sessionsWaitingOnALock(s);

            CompletableFuture<Grant> second = CompletableFuture.supplyAsync(
                    () -> s.db().jdbi().inTransaction(h -> s.grants().lock(h, id).orElseThrow()), threads);

            await().atMost(Duration.ofSeconds(15)).until(() -> sessionsWaitingOnALock(s) > waitingBefore);
            assertThat(second).as("the second transaction waits while the first holds the row").isNotDone();

            firstMayCommit.countDown();
            assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(2);
            Grant seen = second.get(20, TimeUnit.SECONDS);
            assertThat(seen.version()).as("the waiter re-reads the row the first transaction committed").isEqualTo(2);
            assertThat(seen.accessToken()).isEqualTo("a2");
            assertThat(seen.refreshToken()).isEqualTo("r2");
        } finally {
            firstMayCommit.countDown();
            threads.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSaveThatWaitedForTheRowGetsAVersionAboveTheWriteItWaitedFor(String vendor) throws Exception {
        Store s = store(vendor);
        ConnectionId id = newConnection(s);
        save(s, grant(id, "a1", "r1", List.of("a"), Map.of()));
        CountDownLatch firstHoldsLock = new CountDownLatch(1);
        CountDownLatch firstMayCommit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Long> refresh = CompletableFuture.supplyAsync(() -> s.db().jdbi().inTransaction(h -> {
                assertThat(s.grants().lock(h, id)).isPresent();
                long v = s.grants().save(h, grant(id, "refreshed", "r2", List.of("a"), Map.of())).version();
                firstHoldsLock.countDown();
                awaitLatch(firstMayCommit);
                return v;
            }), threads);
            assertThat(firstHoldsLock.await(20, TimeUnit.SECONDS)).isTrue();
            int waitingBefore = sessionsWaitingOnALock(s);
            // e.g. a Connect's callback storing a new grant without taking the lock first
            CompletableFuture<Long> reconnect = CompletableFuture.supplyAsync(() -> save(s,
                    grant(id, "reconnected", "r-new", List.of("a"), Map.of())).version(), threads);
            await().atMost(Duration.ofSeconds(15)).until(() -> sessionsWaitingOnALock(s) > waitingBefore);

            firstMayCommit.countDown();

            assertThat(refresh.get(20, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(reconnect.get(20, TimeUnit.SECONDS)).as("two writes, two versions").isEqualTo(3);
            Grant read = s.grants().find(id).orElseThrow();
            assertThat(read.version()).isEqualTo(3);
            assertThat(read.accessToken()).isEqualTo("reconnected");
        } finally {
            firstMayCommit.countDown();
            threads.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void tokensAndExtrasAreStoredEncrypted(String vendor) {
        Store s = store(vendor);
        ConnectionId id = newConnection(s);
        String access = "access-in-clear-" + id;
        String refresh = "refresh-in-clear-" + id;
        save(s, grant(id, access, refresh, List.of("a"), Map.of("instance_url", "https://visible-" + id + ".example")));

        Map<String, Object> row = s.db().jdbi().withHandle(h -> h.createQuery(
                        "select access_token, refresh_token, extra from grants where connection_id = :id")
                .bind("id", id.value()).mapToMap().one());

        for (String column : List.of("access_token", "refresh_token", "extra")) {
            byte[] raw = (byte[]) row.get(column);
            assertThat(raw).as(column).isNotEmpty();
            String asText = new String(raw, StandardCharsets.ISO_8859_1);
            assertThat(asText).as(column).doesNotContain(access).doesNotContain(refresh)
                    .doesNotContain("access-in-clear").doesNotContain("refresh-in-clear").doesNotContain("visible-");
            assertThat(BOX.isUnderPrimary(raw)).as(column).isTrue();
        }
        String secret = new String(s.db().jdbi().withHandle(h -> h.createQuery(
                        "select client_secret from connections where id = :id").bind("id", id.value())
                .mapTo(byte[].class).one()), StandardCharsets.ISO_8859_1);
        assertThat(secret).doesNotContain("client-secret-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCiphertextMovedToAnotherConnectionsRowDoesNotDecrypt(String vendor) {
        Store s = store(vendor);
        ConnectionId victim = newConnection(s);
        ConnectionId thief = newConnection(s);
        save(s, grant(victim, "victim-access", "victim-refresh", List.of("a"), Map.of()));
        save(s, grant(thief, "thief-access", "thief-refresh", List.of("a"), Map.of()));

        s.db().jdbi().useTransaction(h -> {
            byte[] stolen = h.createQuery("select refresh_token from grants where connection_id = :id")
                    .bind("id", victim.value()).mapTo(byte[].class).one();
            h.createUpdate("update grants set refresh_token = :v where connection_id = :id")
                    .bind("v", stolen).bind("id", thief.value()).execute();
        });

        assertThatThrownBy(() -> s.grants().find(thief))
                .isInstanceOf(SecretBox.SecretUnreadableException.class)
                .hasMessageContaining(thief.value())
                .hasMessageNotContaining("victim-refresh");
        assertThat(s.grants().find(victim).orElseThrow().refreshToken()).isEqualTo("victim-refresh");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void lockOnAConnectionWithoutGrantFindsNothing(String vendor) {
        Store s = store(vendor);
        ConnectionId id = newConnection(s);

        Optional<Grant> locked = s.db().jdbi().inTransaction(h -> s.grants().lock(h, id));

        assertThat(locked).isEmpty();
        assertThat(s.grants().find(id)).isEmpty();
    }

    /** Sessions blocked on another's lock, as the database itself reports them. */
    private static int sessionsWaitingOnALock(Store s) {
        String sql = s.db().isPostgres()
                ? "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
                : "select count(*) from information_schema.sessions where blocker_id is not null";
        return s.db().jdbi().withHandle((Handle h) -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
