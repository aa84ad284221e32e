package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizationUrlTest {

    private static final URI AUTH = URI.create("https://as.example/oauth/authorize");
    private static final URI REDIRECT = URI.create("https://keyway.example/oauth2/callback/42");

    private static AuthorizationSettings settings(URI url, List<String> scopes, String separator,
                                                  Map<String, String> extra) {
        return new AuthorizationSettings(url, "client-1", REDIRECT, scopes, separator, extra);
    }

    @Test
    void carriesTheRfc6749ParametersAndPkce() {
        Pkce pkce = Pkce.generate();
        URI uri = AuthorizationUrl.build(settings(AUTH, List.of("read", "write"), null, Map.of()), "st-1", pkce);

        assertThat(uri.toString()).startsWith("https://as.example/oauth/authorize?");
        assertThat(Wire.query(uri)).containsExactly(
                Map.entry("response_type", List.of("code")),
                Map.entry("client_id", List.of("client-1")),
                Map.entry("redirect_uri", List.of(REDIRECT.toString())),
                Map.entry("scope", List.of("read write")),
                Map.entry("state", List.of("st-1")),
                Map.entry("code_challenge", List.of(pkce.challenge())),
                Map.entry("code_challenge_method", List.of("S256")));
    }

    @Test
    void withoutPkceThereIsNoCodeChallenge() {
        URI uri = AuthorizationUrl.build(settings(AUTH, List.of("read"), " ", Map.of()), "st", null);
        assertThat(Wire.query(uri)).doesNotContainKeys("code_challenge", "code_challenge_method");
    }

    @Test
    void spaceSeparatedScopesAreEncodedAsPercent20NotPlus() {
        URI uri = AuthorizationUrl.build(settings(AUTH, List.of("openid", "profile", "a+b"), " ", Map.of()), "s", null);
        assertThat(uri.getRawQuery()).contains("scope=openid%20profile%20a%2Bb").doesNotContain("+");
    }

    @Test
    void commaSeparatorJoinsScopesAndIsPercentEncoded() {
        URI uri = AuthorizationUrl.build(settings(AUTH, List.of("users:read", "chat:write"), ",", Map.of()), "s", null);
        assertThat(uri.getRawQuery()).contains("scope=users%3Aread%2Cchat%3Awrite");
        assertThat(Wire.query(uri).get("scope")).containsExactly("users:read,chat:write");
    }

    @Test
    void whenTheSeparatorIsPlusThenScopesAreJoinedByARawPlusThatServersDecodeAsASpace() {
        URI uri = AuthorizationUrl.build(settings(AUTH, List.of("public", "read_user", "api:v2"), "+", Map.of()), "s", null);
        assertThat(uri.getRawQuery()).contains("scope=public+read_user+api%3Av2&").doesNotContain("%2B");
        assertThat(Wire.query(uri).get("scope")).containsExactly("public read_user api:v2");
    }

    @Test
    void noScopesMeansNoScopeParameter() {
        URI uri = AuthorizationUrl.build(settings(AUTH, List.of(), null, null), "s", null);
        assertThat(Wire.query(uri)).doesNotContainKey("scope");
    }

    @Test
    void extraParamsAreAppendedInOrder() {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("access_type", "offline");
        extra.put("prompt", "consent select_account");
        URI uri = AuthorizationUrl.build(settings(AUTH, List.of("email"), null, extra), "s", null);
        assertThat(uri.getRawQuery()).endsWith("&access_type=offline&prompt=consent%20select_account");
    }

    @Test
    void existingQueryOfConfiguredUrlIsKept() {
        URI configured = URI.create("https://as.example/authorize?tenant=acme%20corp&x=1");
        URI uri = AuthorizationUrl.build(settings(configured, List.of("read"), null, Map.of()), "s", null);
        assertThat(uri.getRawQuery()).startsWith("tenant=acme%20corp&x=1&response_type=code&");
        assertThat(Wire.query(uri).get("client_id")).containsExactly("client-1");
    }

    @Test
    void extraParamsMayNotOverrideReservedParameters() {
        for (String reserved : AuthorizationSettings.RESERVED_PARAMS) {
            assertThatThrownBy(() -> settings(AUTH, List.of(), null, Map.of(reserved, "evil")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reserved);
        }
    }

    @Test
    void configuredUrlMayNotCarryReservedParameters() {
        URI configured = URI.create("https://as.example/authorize?client_id=other");
        assertThatThrownBy(() -> settings(configured, List.of(), null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client_id");
    }

    @Test
    void specialCharactersInStateAndRedirectAreEncoded() {
        URI uri = AuthorizationUrl.build(settings(AUTH, List.of(), null, Map.of()), "a&b=c d", null);
        assertThat(Wire.query(uri).get("state")).containsExactly("a&b=c d");
        assertThat(uri.getRawQuery()).contains("redirect_uri=https%3A%2F%2Fkeyway.example%2Foauth2%2Fcallback%2F42");
    }

    @Test
    void blankStateIsRefused() {
        assertThatThrownBy(() -> AuthorizationUrl.build(settings(AUTH, List.of(), null, Map.of()), " ", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
