package dev.keyway.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keyway.crypto.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Accounts and their API keys. A key is shown once at creation and stored as a SHA-256 hash;
 * authentication looks the key up in memory first (Caffeine) so the hot path reads no database.
 */
public final class Accounts {
    private static final String KEY_PREFIX = "kw_";

    private final Jdbi jdbi;
    private final Clock clock;
    /** Keyed by the presented key itself (memory only, 30 s): the hot path skips hashing; the database holds hashes only. */
    private final Cache<String, Optional<AccountId>> byKey = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();

    public Accounts(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A new account with its first API key; the key is in the answer and nowhere else in clear. */
    public NewAccount create(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("an account name of 1 to 200 characters is required");
        }
        AccountId id = AccountId.random();
        String apiKey = KEY_PREFIX + Tokens.random(32);
        jdbi.useTransaction(h -> {
            h.createUpdate("insert into accounts (id, name, created_at) values (:id, :name, :at)")
                    .bind("id", id.value()).bind("name", name).bind("at", clock.instant()).execute();
            insertKey(h, id, apiKey, "first key");
        });
        return new NewAccount(id, name, apiKey);
    }

    /** Another API key for an existing account. */
    public String addKey(AccountId account, String name) {
        String apiKey = KEY_PREFIX + Tokens.random(32);
        jdbi.useHandle(h -> insertKey(h, account, apiKey, name));
        return apiKey;
    }

    /** The account an API key belongs to, if the key is known and not revoked. */
    public Optional<AccountId> authenticate(String apiKey) {
        if (apiKey == null || !apiKey.startsWith(KEY_PREFIX) || apiKey.length() > 100) {
            return Optional.empty();
        }
        return byKey.get(apiKey, key -> lookUp(Tokens.hash(key)));
    }

    private Optional<AccountId> lookUp(String keyHash) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select account_id from api_keys where key_hash = :hash and revoked_at is null")
                .bind("hash", keyHash).mapTo(String.class).findOne().map(AccountId::new));
    }

    private void insertKey(org.jdbi.v3.core.Handle h, AccountId account, String apiKey, String name) {
        h.createUpdate("insert into api_keys (id, account_id, key_hash, name, created_at) "
                        + "values (:id, :account, :hash, :name, :at)")
                .bind("id", "key_" + Tokens.random(12)).bind("account", account.value())
                .bind("hash", Tokens.hash(apiKey)).bind("name", name).bind("at", clock.instant()).execute();
    }

    /** The answer to account creation. toString() hides the key. */
    public record NewAccount(AccountId id, String name, String apiKey) {
        @Override
        public String toString() {
            return "NewAccount[" + id + ", " + name + "]";
        }
    }
}
