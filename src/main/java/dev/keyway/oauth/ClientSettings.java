package dev.keyway.oauth;

import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a token endpoint needs to know about the client. {@code toString()} never prints the secret.
 *
 * <p>{@code extraTokenParams} go into every token request (both grants; not into revocation). They may not name a
 * parameter the protocol sets itself ({@link #RESERVED_TOKEN_PARAMS}): such settings are refused with
 * {@link IllegalArgumentException} here, at construction, so a bad connection setting fails when it is saved instead
 * of silently replacing {@code code} or {@code client_id} in a live request (Nimbus would let it).
 *
 * @param clientSecret      nullable; required (non-blank) for the methods that {@linkplain ClientAuth#usesSecret() use
 *                          it}, ignored for the others
 * @param signingKey        the private key of {@link ClientAuth#PRIVATE_KEY_JWT} (required there), null otherwise;
 *                          {@code toString()} prints its {@code kid} only
 * @param assertionAudience the {@code aud} of client assertions; null: the token URL
 */
public record ClientSettings(String clientId, String clientSecret, URI tokenUrl, ClientAuth auth,
                             Map<String, String> extraTokenParams, JWK signingKey, URI assertionAudience) {

    /** Parameter names extra token parameters may not use. */
    public static final Set<String> RESERVED_TOKEN_PARAMS = Set.of("grant_type", "code", "redirect_uri",
            "code_verifier", "refresh_token", "client_id", "client_secret", "client_assertion",
            "client_assertion_type");

    public ClientSettings {
        requireText(clientId, "clientId");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(auth, "auth");
        if (auth.usesSecret() && (clientSecret == null || clientSecret.isBlank())) {
            throw new IllegalArgumentException("client auth " + auth.wireName() + " needs a client secret");
        }
        if (auth == ClientAuth.PRIVATE_KEY_JWT && (signingKey == null || !signingKey.isPrivate())) {
            throw new IllegalArgumentException("client auth private_key_jwt needs a private signing key");
        }
        assertionAudience = assertionAudience == null ? tokenUrl : assertionAudience;
        extraTokenParams = checkedExtras(extraTokenParams, RESERVED_TOKEN_PARAMS, "extra token parameter");
    }

    /** A client authenticating with its secret (or none), no key. */
    public ClientSettings(String clientId, String clientSecret, URI tokenUrl, ClientAuth auth,
                          Map<String, String> extraTokenParams) {
        this(clientId, clientSecret, tokenUrl, auth, extraTokenParams, null, null);
    }

    /** A public client ({@link ClientAuth#NONE}) without extra parameters. */
    public static ClientSettings publicClient(String clientId, URI tokenUrl) {
        return new ClientSettings(clientId, null, tokenUrl, ClientAuth.NONE, Map.of());
    }

    @Override
    public String toString() {
        return "ClientSettings[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "***")
                + ", tokenUrl=" + tokenUrl + ", auth=" + auth.wireName() + ", extraTokenParams="
                + extraTokenParams.keySet() + (signingKey == null ? "" : ", signingKey=" + signingKey.getKeyID())
                + ", assertionAudience=" + assertionAudience + "]";
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Null → empty; blank or reserved names and null values refused; insertion order kept; unmodifiable. */
    static Map<String, String> checkedExtras(Map<String, String> extras, Set<String> reserved, String what) {
        if (extras == null || extras.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        extras.forEach((name, value) -> {
            requireText(name, what + " name");
            if (reserved.contains(name)) {
                throw new IllegalArgumentException(what + " may not set the reserved parameter " + name);
            }
            copy.put(name, Objects.requireNonNull(value, what + " " + name));
        });
        return Collections.unmodifiableMap(copy);
    }
}
