package dev.keyway.testing;

import com.google.crypto.tink.KeysetHandle;
import dev.keyway.Keyway;
import java.time.Clock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests of connections and Connect, registered as a static {@code @RegisterExtension}: a mock-oauth2-server
 * ({@link #as()}) and one Keyway per test class (on the real clock unless {@link #clock(Clock)} says otherwise)
 * with the account "Acme" ({@link #api()}) and an operator of it ({@link #operator()}).
 */
public final class ConnectKeyway implements BeforeAllCallback, AfterAllCallback {
    private final AuthServer as = new AuthServer();
    private Clock clock = Clock.systemUTC();
    private KeywayUnderTest keyway;
    private Api api;
    private Operator operator;

    /** The clock Keyway runs on; call before the class starts. */
    public ConnectKeyway clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public AuthServer as() {
        return as;
    }

    /** The account "Acme". */
    public Api api() {
        return api;
    }

    /** An operator of "Acme", with one browser for the whole class. */
    public Operator operator() {
        return operator;
    }

    public String base() {
        return keyway.base();
    }

    public Api newAccount(String name) {
        return keyway.newAccount(name);
    }

    public Keyway keyway() {
        return keyway.keyway();
    }

    public KeysetHandle keyset() {
        return keyway.keyset();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        keyway = KeywayUnderTest.builder().clock(clock).start();
        api = keyway.newAccount("Acme");
        operator = new Operator(api);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        keyway.close();
        as.close();
    }
}
