package dev.keyway.hook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keyway.account.AccountId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Hooks held in memory: each account's active hooks (the intake's hot path) and hooks by id (the
 * delivery loops). This instance's hook changes forget them at once; another instance's show within {@link #HELD}.
 */
public final class ActiveHooks {
    public static final Duration HELD = Duration.ofSeconds(5);

    private final Hooks hooks;
    private final Cache<AccountId, List<Hook>> active = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(HELD).build();
    private final Cache<HookId, Optional<Hook>> byId = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(HELD).build();

    public ActiveHooks(Hooks hooks) {
        this.hooks = hooks;
    }

    public List<Hook> of(AccountId account) {
        return active.get(account, hooks::active);
    }

    public Optional<Hook> hook(HookId id) {
        return byId.get(id, hooks::findAny);
    }

    public void forget(AccountId account, HookId id) {
        active.invalidate(account);
        byId.invalidate(id);
    }

    public void forget(AccountId account) {
        active.invalidate(account);
    }
}
