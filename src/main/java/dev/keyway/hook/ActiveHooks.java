package dev.keyway.hook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keyway.account.AccountId;
import java.time.Duration;
import java.util.List;

/**
 * The active hooks of each account, in memory for the intake's hot path. This instance's hook
 * changes forget the account's entry at once; another instance's show within {@link #HELD}.
 */
public final class ActiveHooks {
    public static final Duration HELD = Duration.ofSeconds(5);

    private final Hooks hooks;
    private final Cache<AccountId, List<Hook>> held = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(HELD).build();

    public ActiveHooks(Hooks hooks) {
        this.hooks = hooks;
    }

    public List<Hook> of(AccountId account) {
        return held.get(account, hooks::active);
    }

    public void forget(AccountId account) {
        held.invalidate(account);
    }
}
