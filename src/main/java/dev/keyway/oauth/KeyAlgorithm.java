package dev.keyway.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.Optional;

/** The algorithm of a key pair Keyway generates (client assertions, DPoP proofs): EC P-256 by default, RSA 2048 where a server needs RS256. */
public enum KeyAlgorithm {
    ES256(JWSAlgorithm.ES256),
    RS256(JWSAlgorithm.RS256);

    private final JWSAlgorithm jws;

    KeyAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    /** A new key pair with {@code use=sig}, {@code alg} and the RFC 7638 thumbprint as {@code kid}. */
    public JWK generate() {
        try {
            return switch (this) {
                case ES256 -> new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(jws)
                        .keyIDFromThumbprint(true).generate();
                case RS256 -> new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(jws)
                        .keyIDFromThumbprint(true).generate();
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    /** Exact names ES256, RS256 (case-insensitive); empty otherwise. */
    public static Optional<KeyAlgorithm> fromName(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (KeyAlgorithm a : values()) {
            if (a.name().equalsIgnoreCase(s.strip())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
