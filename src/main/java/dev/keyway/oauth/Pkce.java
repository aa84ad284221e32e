package dev.keyway.oauth;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An RFC 7636 PKCE pair, always {@code S256}: {@code challenge = BASE64URL(SHA256(verifier))}.
 * {@code toString()} hides the verifier.
 */
public record Pkce(String verifier, String challenge) {

    /** The only method Keyway sends. */
    public static final String METHOD = "S256";
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    /** Checks the verifier (43–128 unreserved characters) and that the challenge is its S256 transform. */
    public Pkce {
        Objects.requireNonNull(verifier, "verifier");
        if (!VERIFIER.matcher(verifier).matches()) {
            throw new IllegalArgumentException("PKCE verifier must be 43-128 unreserved characters (RFC 7636 §4.1)");
        }
        if (!s256(verifier).equals(challenge)) {
            throw new IllegalArgumentException("PKCE challenge is not S256 of the verifier");
        }
    }

    /** A fresh pair from 256 random bits (43 characters), via Nimbus {@link CodeVerifier}. */
    public static Pkce generate() {
        return of(new CodeVerifier().getValue());
    }

    /** The pair for a stored verifier. */
    public static Pkce of(String verifier) {
        return new Pkce(verifier, s256(verifier));
    }

    private static String s256(String verifier) {
        return CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue();
    }

    @Override
    public String toString() {
        return "Pkce[verifier=***, challenge=" + challenge + ", method=" + METHOD + "]";
    }
}
