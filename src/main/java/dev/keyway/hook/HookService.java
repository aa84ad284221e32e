package dev.keyway.hook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.account.AccountId;
import dev.keyway.apicall.AllowedUrls;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.problem.Problem;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/** The hooks of an account: create, list, read, edit, clone, stop, start, delete. Used by the API and the admin UI. */
public final class HookService {
    private final Jdbi jdbi;
    private final Hooks hooks;
    private final ActiveHooks active;
    private final ConnectionRepository connections;
    private final Predicate<URI> httpAllowed;
    private final Clock clock;

    /** @param httpAllowed whether a plain-http URL is acceptable (embedded profile, allowlisted hosts), as for connections */
    public HookService(Jdbi jdbi, Hooks hooks, ActiveHooks active, ConnectionRepository connections,
                       Predicate<URI> httpAllowed, Clock clock) {
        this.jdbi = jdbi;
        this.hooks = hooks;
        this.active = active;
        this.connections = connections;
        this.httpAllowed = httpAllowed;
        this.clock = clock;
    }

    public Hook create(AccountId account, ObjectNode body) {
        HookSettings s = HookSettings.read(body, null, httpAllowed);
        AllowedUrls.checkUsable(connections, account, s.connectionId(), s.url());
        Instant now = clock.instant();
        return insert(new Hook(HookId.random(), account, s, now, now));
    }

    public List<Hook> list(AccountId account) {
        return hooks.list(account);
    }

    public Hook get(AccountId account, HookId id) {
        return hooks.find(account, id).orElseThrow(() -> Problem.notFound("hook"));
    }

    public Hook update(AccountId account, HookId id, ObjectNode patch) {
        Hook current = get(account, id);
        HookSettings s = HookSettings.read(patch, current.settings(), httpAllowed);
        AllowedUrls.checkUsable(connections, account, s.connectionId(), s.url());
        return save(current, s);
    }

    public Hook setActive(AccountId account, HookId id, boolean on) {
        Hook current = get(account, id);
        return save(current, current.settings().withActive(on));
    }

    /** A copy named "{name} (copy)" (then "(copy 2)"…), stopped, so that it delivers nothing before it is looked at. */
    public Hook copy(AccountId account, HookId id) {
        Hook source = get(account, id);
        Instant now = clock.instant();
        for (int n = 1; ; n++) {
            String name = source.settings().name() + (n == 1 ? " (copy)" : " (copy " + n + ")");
            if (name.length() > 200) {
                name = name.substring(name.length() - 200);
            }
            String candidate = name;
            boolean taken = jdbi.withHandle(h -> hooks.nameTaken(h, account, candidate, null));
            if (!taken) {
                return insert(new Hook(HookId.random(), account, source.settings().withName(name).withActive(false), now, now));
            }
        }
    }

    public void delete(AccountId account, HookId id) {
        if (!hooks.delete(account, id)) {
            throw Problem.notFound("hook");
        }
        active.forget(account, id);
    }

    private Hook insert(Hook k) {
        jdbi.useTransaction(h -> {
            if (hooks.nameTaken(h, k.account(), k.settings().name(), null)) {
                throw nameTaken();
            }
            hooks.insert(h, k);
        });
        active.forget(k.account(), k.id());
        return k;
    }

    private Hook save(Hook current, HookSettings s) {
        Hook after = new Hook(current.id(), current.account(), s, current.createdAt(), clock.instant());
        jdbi.useTransaction(h -> {
            if (hooks.nameTaken(h, after.account(), s.name(), after.id())) {
                throw nameTaken();
            }
            hooks.update(h, after);
        });
        active.forget(after.account(), after.id());
        return after;
    }

    private static Problem nameTaken() {
        return Problem.conflict("name", "name_taken", "another hook of this account has this name");
    }
}
