package dev.keyway.egress;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EgressRequestTest {
    private static final URI URL = URI.create("https://user:pw@api.example:8443/v1/token?code=abc#frag");

    @Test
    void toStringShowsMethodAndUrlWithoutSecrets() {
        EgressRequest request = EgressRequest.post(URL, "application/json", "{\"secret\":1}".getBytes(UTF_8))
                .withHeader("Authorization", "Bearer tok3n").withCredentialHeader("X-Key", "k3y");

        assertThat(request.toString()).isEqualTo("EgressRequest[POST https://api.example:8443/v1/token]");
    }

    @Test
    void withHeaderReturnsACopyAndReplacesCaseInsensitively() {
        EgressRequest original = EgressRequest.get(URL).withHeader("Accept", "text/plain");
        EgressRequest changed = original.withHeader("ACCEPT", "application/json");

        assertThat(original.header("accept")).contains("text/plain");
        assertThat(changed.headers()).containsOnlyKeys("ACCEPT");
        assertThat(changed.header("Accept")).contains("application/json");
    }

    @Test
    void credentialHeadersAreRememberedInLowerCase() {
        EgressRequest request = EgressRequest.get(URL).withCredentialHeader("X-Api-Key", "k");

        assertThat(request.credentialHeaders()).containsExactly("x-api-key");
        assertThat(request.header("x-api-key")).contains("k");
    }

    @Test
    void illegalHeaderValueIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> EgressRequest.get(URL).withHeader("Authorization", "Bearer s3cr3t\r\nX: y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void getWithBodyAndNonPositiveTimeoutAreRejected() {
        assertThatThrownBy(() -> new EgressRequest("GET", URL, java.util.Map.of(), new byte[1], null, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EgressRequest.get(URL).withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsAreGetFollowingAndPostNotFollowing() {
        assertThat(EgressRequest.get(URL).followRedirects()).isTrue();
        assertThat(EgressRequest.post(URL, null, new byte[0]).followRedirects()).isFalse();
        assertThat(new EgressRequest("post", URL, java.util.Map.of(), null, null, false).method()).isEqualTo("POST");
    }

    @Test
    void policyDefaultsAndAllowlistValidation() {
        EgressPolicy defaults = EgressPolicy.defaults();

        assertThat(defaults.allowlist()).isEmpty();
        assertThat(defaults.maxRedirects()).isEqualTo(5);
        assertThat(defaults.maxResponseBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(defaults.defaultTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.withAllowlist(List.of("localhost", "127.0.0.0/8", "::1/128", "[::1]")).allowlist())
                .hasSize(4);
        assertThatThrownBy(() -> defaults.withAllowlist(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withAllowlist(List.of("http://host/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withAllowlist(List.of("127.1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ruleCodesArePrefixed() {
        assertThat(Rule.LOOPBACK.code()).isEqualTo("egress_loopback");
        assertThat(Rule.TOO_MANY_REDIRECTS.code()).isEqualTo("egress_too_many_redirects");
        assertThat(new EgressException(Rule.SCHEME, "x").getMessage()).isEqualTo("egress_scheme: x");
    }
}
