package dev.keyway.connection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.keyway.crypto.SecretBox;
import dev.keyway.crypto.Tokens;
import dev.keyway.oauth.ClientAuth;
import dev.keyway.oauth.DPoPProofs;
import dev.keyway.oauth.KeyAlgorithm;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The key pairs Keyway generates and holds per connection: one for client assertions ({@code private_key_jwt}), one for
 * DPoP. The private part is sealed with {@link SecretBox} (associated data = connection id) and leaves this class only
 * as a signer; the public part is shown on the connection and served as a JWKS.
 */
public final class ConnectionKeys {
    /** What a key pair is for. */
    public enum Purpose {
        CLIENT_AUTH("client_auth"), DPOP("dpop");

        private final String wire;

        Purpose(String wire) {
            this.wire = wire;
        }
    }

    /** The public half: key id, algorithm, the JWK as JSON members, and the unguessable id of its JWKS URL. */
    public record PublicKey(String kid, String algorithm, Map<String, Object> jwk, String jwksId) { }

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Cache<String, JWK> privateKeys = Caffeine.newBuilder().maximumSize(100_000).build();
    private final Cache<String, DPoPProofs> proofs = Caffeine.newBuilder().maximumSize(100_000).build();

    public ConnectionKeys(Jdbi jdbi, SecretBox box) {
        this.jdbi = jdbi;
        this.box = box;
    }

    /**
     * Generates the key pairs the settings need and do not have yet (or have with another algorithm), and deletes
     * those they no longer need (a JWKS URL answers 404 once the connection stops using private_key_jwt).
     */
    void ensure(Handle h, ConnectionId id, OAuth2Settings s, Instant now) {
        sync(h, id, Purpose.CLIENT_AUTH, s.clientAuthentication() == ClientAuth.PRIVATE_KEY_JWT, s.keyAlgorithm(), now);
        sync(h, id, Purpose.DPOP, s.dpop(), s.keyAlgorithm(), now);
    }

    private void sync(Handle h, ConnectionId id, Purpose p, boolean needed, KeyAlgorithm alg, Instant now) {
        if (needed) {
            ensure(h, id, p, alg, now);
        } else if (h.createUpdate("delete from connection_keys where connection_id = :id and purpose = :p")
                .bind("id", id.value()).bind("p", p.wire).execute() > 0) {
            forget(id);
        }
    }

    private void ensure(Handle h, ConnectionId id, Purpose p, KeyAlgorithm alg, Instant now) {
        Optional<String> held = h.createQuery("select algorithm from connection_keys where connection_id = :id and purpose = :p")
                .bind("id", id.value()).bind("p", p.wire).mapTo(String.class).findOne();
        if (held.isPresent() && held.get().equals(alg.name())) {
            return;
        }
        JWK key = alg.generate();
        h.createUpdate("delete from connection_keys where connection_id = :id and purpose = :p")
                .bind("id", id.value()).bind("p", p.wire).execute();
        h.createUpdate("insert into connection_keys (connection_id, purpose, kid, algorithm, public_jwk, private_jwk, "
                        + "jwks_id, created_at) values (:id, :p, :kid, :alg, :pub, :priv, :jwks, :at)")
                .bind("id", id.value()).bind("p", p.wire).bind("kid", key.getKeyID()).bind("alg", alg.name())
                .bind("pub", key.toPublicJWK().toJSONString())
                .bindByType("priv", box.seal(key.toJSONString(), id.value()), byte[].class)
                .bind("jwks", Tokens.random(24)).bind("at", now).execute();
        forget(id);
    }

    /**
     * A new client-assertion key pair signs from now on; the JWKS (same URL) publishes the new public key and the one
     * before it, so a server that fetches the JWKS when it meets an unknown kid accepts both. False without a key.
     */
    boolean rotate(Handle h, ConnectionId id, KeyAlgorithm alg, Instant now) {
        JWK key = alg.generate();
        int rows = h.createUpdate("update connection_keys set previous_jwk = public_jwk, kid = :kid, algorithm = :alg, "
                        + "public_jwk = :pub, private_jwk = :priv, created_at = :at where connection_id = :id and purpose = :p")
                .bind("id", id.value()).bind("p", Purpose.CLIENT_AUTH.wire).bind("kid", key.getKeyID())
                .bind("alg", alg.name()).bind("pub", key.toPublicJWK().toJSONString())
                .bindByType("priv", box.seal(key.toJSONString(), id.value()), byte[].class).bind("at", now).execute();
        forget(id);
        return rows == 1;
    }

    /** An account's public keys by connection and purpose, in one query (the connections list). */
    public Map<ConnectionId, Map<Purpose, PublicKey>> publicKeys(dev.keyway.account.AccountId account) {
        Map<ConnectionId, Map<Purpose, PublicKey>> out = new java.util.HashMap<>();
        jdbi.useHandle(h -> h.createQuery("select k.connection_id, k.purpose, k.kid, k.algorithm, k.public_jwk, k.jwks_id "
                        + "from connection_keys k join connections c on c.id = k.connection_id where c.account_id = :account")
                .bind("account", account.value()).map((rs, ctx) -> {
                    String wire = rs.getString("purpose");
                    Purpose p = java.util.Arrays.stream(Purpose.values()).filter(x -> x.wire.equals(wire)).findFirst().orElse(null);
                    if (p != null) {
                        out.computeIfAbsent(new ConnectionId(rs.getString("connection_id")), x -> new java.util.EnumMap<>(Purpose.class))
                                .put(p, new PublicKey(rs.getString("kid"), rs.getString("algorithm"),
                                        parse(rs.getString("public_jwk")).toJSONObject(), rs.getString("jwks_id")));
                    }
                    return p;
                }).list());
        return out;
    }

    /** The connection's public key for {@code p} when its settings use one (private_key_jwt, DPoP): no read otherwise. */
    public Optional<PublicKey> publicKeyInUse(Connection c, Purpose p) {
        boolean used = c.settings() instanceof OAuth2Settings s && switch (p) {
            case CLIENT_AUTH -> s.clientAuthentication() == dev.keyway.oauth.ClientAuth.PRIVATE_KEY_JWT;
            case DPOP -> s.dpop();
        };
        return used ? publicKey(c.id(), p) : Optional.empty();
    }

    public Optional<PublicKey> publicKey(ConnectionId id, Purpose p) {
        return jdbi.withHandle(h -> h.createQuery("select kid, algorithm, public_jwk, jwks_id from connection_keys "
                        + "where connection_id = :id and purpose = :p")
                .bind("id", id.value()).bind("p", p.wire)
                .map((rs, ctx) -> new PublicKey(rs.getString("kid"), rs.getString("algorithm"),
                        parse(rs.getString("public_jwk")).toJSONObject(), rs.getString("jwks_id")))
                .findOne());
    }

    /**
     * The JWKS document ({@code {"keys": [...]}}, public keys only) of a client-assertion key, by its JWKS id: the
     * current key first, then the one before the last rotation.
     */
    public Optional<Map<String, Object>> jwks(String jwksId) {
        return jdbi.withHandle(h -> h.createQuery("select public_jwk, previous_jwk from connection_keys where jwks_id = :j "
                        + "and purpose = :p")
                .bind("j", jwksId).bind("p", Purpose.CLIENT_AUTH.wire)
                .map((rs, ctx) -> {
                    List<JWK> keys = new ArrayList<>(List.of(parse(rs.getString("public_jwk")).toPublicJWK()));
                    if (rs.getString("previous_jwk") != null) {
                        keys.add(parse(rs.getString("previous_jwk")).toPublicJWK());
                    }
                    return new JWKSet(keys).toJSONObject(true);
                }).findOne());
    }

    /** The private key, decrypted once and held in memory; null when the connection has none. */
    public JWK privateKey(ConnectionId id, Purpose p) {
        return privateKeys.get(id.value() + " " + p.wire, k -> jdbi.withHandle(h -> h.createQuery(
                        "select private_jwk from connection_keys where connection_id = :id and purpose = :p")
                .bind("id", id.value()).bind("p", p.wire).mapTo(byte[].class).findOne()
                .map(sealed -> parse(box.open(sealed, id.value()))).orElse(null)));
    }

    /** The DPoP proofs of a connection (one instance per process, which remembers nonces); null without a key. */
    public DPoPProofs proofs(ConnectionId id) {
        return proofs.get(id.value(), k -> {
            JWK key = privateKey(id, Purpose.DPOP);
            return key == null ? null : new DPoPProofs(key);
        });
    }

    /** Drops what this process holds of a connection's keys (edited, deleted). */
    public void forget(ConnectionId id) {
        for (Purpose p : Purpose.values()) {
            privateKeys.invalidate(id.value() + " " + p.wire);
        }
        proofs.invalidate(id.value());
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored key does not parse", e);
        }
    }
}
