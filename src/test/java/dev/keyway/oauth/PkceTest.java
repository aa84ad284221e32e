package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void generatedVerifierIs43To128UnreservedCharacters() {
        Pkce pkce = Pkce.generate();
        assertThat(pkce.verifier()).matches("[A-Za-z0-9\\-._~]{43,128}");
    }

    @Test
    void challengeIsBase64UrlOfSha256OfVerifier() throws Exception {
        Pkce pkce = Pkce.generate();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(pkce.verifier().getBytes(StandardCharsets.US_ASCII));
        assertThat(pkce.challenge()).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    }

    @Test
    void rfc7636AppendixBExampleMatches() {
        Pkce pkce = Pkce.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assertThat(pkce.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void eachGeneratedVerifierIsDifferent() {
        assertThat(Pkce.generate().verifier()).isNotEqualTo(Pkce.generate().verifier());
    }

    @Test
    void malformedVerifierOrMismatchedChallengeIsRefused() {
        assertThatThrownBy(() -> Pkce.of("too-short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pkce.of("a".repeat(42) + " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pkce("a".repeat(43), "not-the-challenge"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringHidesVerifier() {
        Pkce pkce = Pkce.generate();
        assertThat(pkce.toString()).doesNotContain(pkce.verifier()).contains(pkce.challenge());
    }
}
