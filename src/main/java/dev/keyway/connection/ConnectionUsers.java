package dev.keyway.connection;

import dev.keyway.account.AccountId;
import java.util.List;

/**
 * Something that sends with a connection's credentials (a feed import, a hook) and must not silently lose them:
 * while any says it uses a connection, {@link ConnectionService#delete} refuses with 409 {@code connection_in_use}.
 * Detaching instead would send the feed request or the hook's events without authorization.
 */
@FunctionalInterface
public interface ConnectionUsers {
    /** What uses the connection, each as "kind name (id)"; empty when nothing does. */
    List<String> using(AccountId account, ConnectionId connection);
}
