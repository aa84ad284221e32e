package dev.keyway.testing;

import dev.keyway.Keyway;
import dev.keyway.config.Settings;
import dev.keyway.crypto.Keysets;
import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Keyway started for real on a free loopback port with its own database; built with {@link #builder()}. */
public final class KeywayUnderTest implements AutoCloseable {
    private final Keyway keyway;
    private final String base;
    private final String databaseUrl;
    private final KeysetHandle keyset;

    private KeywayUnderTest(Keyway keyway, String base, String databaseUrl, KeysetHandle keyset) {
        this.keyway = keyway;
        this.base = base;
        this.databaseUrl = databaseUrl;
        this.keyset = keyset;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String base() {
        return base;
    }

    public Keyway keyway() {
        return keyway;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public KeysetHandle keyset() {
        return keyset;
    }

    /** A new account and an API client holding its key. */
    public Api newAccount(String name) {
        return new Api(base, keyway.accounts().create(name).apiKey());
    }

    public Api anonymous() {
        return new Api(base, null);
    }

    @Override
    public void close() {
        keyway.close();
    }

    /** Settings for a test instance; defaults: fresh H2 file, real clock, loopback allowlisted, no background job. */
    public static final class Builder {
        private final Map<String, String> env = new HashMap<>();
        private String databaseUrl;
        private Clock clock = Clock.systemUTC();
        private KeysetHandle keyset;

        public Builder database(String url) {
            this.databaseUrl = url;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder keyset(KeysetHandle keyset) {
            this.keyset = keyset;
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public KeywayUnderTest start() {
            int port = freePort();
            String url = databaseUrl != null ? databaseUrl : Databases.freshH2();
            Map<String, String> all = new HashMap<>();
            all.put("KEYWAY_PORT", Integer.toString(port));
            all.put("KEYWAY_PUBLIC_URL", "http://127.0.0.1:" + port);
            all.put("KEYWAY_DB_URL", url);
            all.put("KEYWAY_DB_USER", Databases.user(url));
            all.put("KEYWAY_EGRESS_ALLOWLIST", "127.0.0.1,localhost");
            all.put("KEYWAY_SCHEDULER", "false");
            all.putAll(env);
            KeysetHandle ks = keyset != null ? keyset : Keysets.generate();
            Keyway k = Keyway.start(Settings.from(all), ks, clock);
            return new KeywayUnderTest(k, all.get("KEYWAY_PUBLIC_URL"), url, ks);
        }

        private static int freePort() {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
