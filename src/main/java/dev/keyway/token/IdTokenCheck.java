package dev.keyway.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWKSet;
import dev.keyway.connection.Discoverer;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.egress.EgressException;
import dev.keyway.oauth.IdTokens;
import dev.keyway.oauth.IdTokens.Identity;
import dev.keyway.oauth.OAuthRequest;
import dev.keyway.oauth.OAuthResponse;
import dev.keyway.problem.Problem;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a connection's ID tokens ({@link IdTokens}) with the issuer's keys, fetched from its {@code jwksUrl}
 * (or the issuer's metadata when it has none) through the egress guard and cached for 10 minutes; a token naming a key id the cached set lacks (the issuer
 * rotated its keys) fetches the set again, once.
 */
public final class IdTokenCheck {
    private static final Logger LOG = LoggerFactory.getLogger(IdTokenCheck.class);
    private static final int MAX_BYTES = 256 * 1024;

    /** The keys could not be fetched: no verdict on the token. */
    public static final class KeysUnavailable extends Exception {
        KeysUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final TokenEndpoint endpoint;
    private final Duration skew;
    private final Discoverer discoverer;
    private final Cache<String, URI> discovered = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(1)).build();
    private final Cache<URI, JWKSet> keys = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    /**
     * @param skew       how far {@code exp} and {@code iat} may be off
     * @param discoverer finds the {@code jwks_uri} of a connection that has no {@code jwksUrl} (saved with explicit
     *                   endpoints, or before ID tokens were checked)
     */
    public IdTokenCheck(TokenEndpoint endpoint, Duration skew, Discoverer discoverer) {
        this.endpoint = endpoint;
        this.skew = skew;
        this.discoverer = discoverer;
    }

    /**
     * @param nonce the nonce of the Connect; null on refresh (not checked)
     * @throws IdTokens.Refused  the token is not valid for this connection
     * @throws KeysUnavailable   the issuer's keys could not be read
     */
    public Identity check(OAuth2Settings s, String clientSecret, String idToken, String nonce)
            throws IdTokens.Refused, KeysUnavailable {
        JWKSet set = null;
        if (!IdTokens.signedWithSecret(idToken)) {
            URI url = s.jwksUrl() != null ? s.jwksUrl() : discoveredJwksUrl(s.issuer());
            set = url == null ? null : keys(url, IdTokens.keyId(idToken));
        }
        return IdTokens.validate(idToken, s.issuer(), s.clientId(), set, clientSecret, nonce, skew);
    }

    private URI discoveredJwksUrl(String issuer) throws KeysUnavailable {
        URI known = discovered.getIfPresent(issuer);
        if (known != null) {
            return known;
        }
        try {
            URI url = discoverer.discover(issuer).jwksUri();
            if (url != null) {
                discovered.put(issuer, url);
            }
            return url;
        } catch (Problem e) {
            throw new KeysUnavailable("the connection has no jwksUrl and the issuer's metadata could not be read");
        }
    }

    private JWKSet keys(URI url, String kid) throws KeysUnavailable {
        JWKSet cached = keys.getIfPresent(url);
        if (cached != null && (kid == null || cached.getKeyByKeyId(kid) != null)) {
            return cached;
        }
        JWKSet fresh = fetch(url);
        keys.put(url, fresh);
        return fresh;
    }

    private JWKSet fetch(URI url) throws KeysUnavailable {
        try {
            OAuthResponse r = endpoint.send(new OAuthRequest("GET", url, Map.of("Accept",
                    List.of("application/jwk-set+json, application/json")), null));
            if (r.status() != 200) {
                throw new KeysUnavailable("the jwksUrl answered HTTP " + r.status());
            }
            byte[] body = r.body();
            if (body.length > MAX_BYTES) {
                throw new KeysUnavailable("the key set at the jwksUrl is larger than " + MAX_BYTES + " bytes");
            }
            JWKSet set = JWKSet.parse(new String(body, StandardCharsets.UTF_8));
            LOG.info("read {} keys from {}", set.getKeys().size(), url);
            return set;
        } catch (EgressException e) {
            throw new KeysUnavailable("Keyway refused to call the jwksUrl: " + e.getMessage());
        } catch (IOException e) {
            throw new KeysUnavailable("the jwksUrl could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (ParseException e) {
            throw new KeysUnavailable("the jwksUrl did not answer with a JWK set");
        }
    }
}
