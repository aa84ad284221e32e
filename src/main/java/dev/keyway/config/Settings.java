package dev.keyway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything Keyway reads from its environment, as plain values. No logic beyond parsing.
 * Names are the environment variables documented in README.md.
 */
public record Settings(
        String host,
        int port,
        URI publicUrl,
        Profile profile,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        Path keysetFile,
        String keysetJson,
        List<String> egressAllowlist,
        Duration tokenSkew,
        Duration refreshMargin,
        Duration refreshSweepEvery,
        Duration tokenCallTimeout,
        boolean schedulerEnabled,
        HookLimits hooks) {

    public enum Profile { EMBEDDED, PRODUCTION }

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> env) {
        int port = Integer.parseInt(env.getOrDefault("KEYWAY_PORT", "8080"));
        String publicUrl = env.getOrDefault("KEYWAY_PUBLIC_URL", "http://localhost:" + port);
        Path dataDir = Path.of(env.getOrDefault("KEYWAY_DATA_DIR", "data"));
        return new Settings(
                env.getOrDefault("KEYWAY_HOST", "127.0.0.1"),
                port,
                URI.create(stripTrailingSlash(publicUrl)),
                Profile.valueOf(env.getOrDefault("KEYWAY_PROFILE", "embedded").toUpperCase()),
                env.getOrDefault("KEYWAY_DB_URL", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("keyway")),
                env.getOrDefault("KEYWAY_DB_USER", "sa"),
                env.getOrDefault("KEYWAY_DB_PASSWORD", ""),
                Path.of(env.getOrDefault("KEYWAY_KEYSET_FILE", dataDir.resolve("keyset.json").toString())),
                env.get("KEYWAY_KEYSET"),
                list(env.getOrDefault("KEYWAY_EGRESS_ALLOWLIST", "")),
                seconds(env, "KEYWAY_TOKEN_SKEW_SECONDS", 60),
                seconds(env, "KEYWAY_REFRESH_MARGIN_SECONDS", 300),
                seconds(env, "KEYWAY_REFRESH_SWEEP_SECONDS", 30),
                seconds(env, "KEYWAY_TOKEN_CALL_TIMEOUT_SECONDS", 15),
                Boolean.parseBoolean(env.getOrDefault("KEYWAY_SCHEDULER", "true")),
                HookLimits.from(env));
    }

    public URI redirectUri() {
        return URI.create(publicUrl + "/oauth2/callback");
    }

    /** Never prints the database password or the keyset. */
    @Override
    public String toString() {
        return "Settings[" + host + ":" + port + ", publicUrl=" + publicUrl + ", profile=" + profile
                + ", database=" + databaseUrl + ", keysetFile=" + keysetFile + "]";
    }

    private static Duration seconds(Map<String, String> env, String name, long fallback) {
        return Duration.ofSeconds(Long.parseLong(env.getOrDefault(name, Long.toString(fallback))));
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
