package dev.keyway.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.store.Database;
import dev.keyway.testing.Databases;
import dev.keyway.testing.MutableClock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Users and Sessions on both databases (the V2 migration runs on H2 in PostgreSQL mode and on PostgreSQL). */
class OperatorsStoreTest {
    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("h2", (Supplier<String>) Databases::freshH2),
                Arguments.of("postgresql", (Supplier<String>) Databases::freshPostgres));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void operatorsSignInAndTheirSessionsExpire(String name, Supplier<String> fresh) {
        String url = fresh.get();
        MutableClock clock = new MutableClock();
        try (Database db = Database.open(url, Databases.user(url), "")) {
            AccountId account = new Accounts(db.jdbi(), clock).create("Acme").id();
            Users users = new Users(db.jdbi(), new Passwords(), clock);
            User u = users.create(account, " Ops@Acme.Test ", "correct horse battery");
            assertThat(u.email()).isEqualTo("ops@acme.test");
            assertThatThrownBy(() -> users.create(account, "OPS@acme.test", "another long password"))
                    .hasMessageContaining("exists");
            assertThatThrownBy(() -> users.create(account, "short@acme.test", "short")).hasMessageContaining("12");
            assertThat(users.authenticate("ops@ACME.test", "correct horse battery")).contains(u);
            assertThat(users.authenticate("ops@acme.test", "wrong horse battery")).isEmpty();
            assertThat(users.authenticate("nobody@acme.test", "correct horse battery")).isEmpty();
            String stored = db.jdbi().withHandle(h -> h.createQuery("select password_hash from users").mapTo(String.class).one());
            assertThat(stored).startsWith("$argon2id$").doesNotContain("correct");

            Sessions sessions = new Sessions(db.jdbi(), clock);
            Sessions.Started started = sessions.start(u);
            assertThat(sessions.find(started.cookieValue())).get().extracting(Session::user).isEqualTo(u);
            String idHash = db.jdbi().withHandle(h -> h.createQuery("select id_hash from user_sessions").mapTo(String.class).one());
            assertThat(idHash).isNotEqualTo(started.cookieValue()).hasSize(64);
            assertThat(sessions.find("forged")).isEmpty();
            clock.advance(Duration.ofMinutes(31));
            assertThat(sessions.find(started.cookieValue())).isEmpty();

            Sessions.Started again = sessions.start(u);
            sessions.end(again.cookieValue());
            assertThat(sessions.find(again.cookieValue())).isEmpty();
        }
    }
}
