package dev.keyway.oauth;

import static dev.keyway.oauth.Wire.NOW;
import static dev.keyway.oauth.Wire.issued;
import static dev.keyway.oauth.Wire.json;
import static dev.keyway.oauth.Wire.refused;
import static dev.keyway.oauth.Wire.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenResponsesTest {

    private static TokenSet parse(String json) {
        return issued(TokenResponses.parse(json(200, json), NOW));
    }

    @Test
    void standardJsonResponseIsIssued() {
        TokenSet t = parse("""
                {"access_token":"at","token_type":"Bearer","expires_in":3600,"refresh_token":"rt","scope":"a b"}""");
        assertThat(t.accessToken()).isEqualTo("at");
        assertThat(t.tokenType()).isEqualTo("Bearer");
        assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(t.refreshToken()).isEqualTo("rt");
        assertThat(t.scopes()).containsExactly("a", "b");
        assertThat(t.extra()).isEmpty();
    }

    @Test
    void expiresInAsStringIsParsed() {
        assertThat(parse("{\"access_token\":\"at\",\"expires_in\":\"3599\"}").expiresAt()).isEqualTo(NOW.plusSeconds(3599));
        assertThat(parse("{\"access_token\":\"at\",\"expires_in\":\"3599.0\"}").expiresAt()).isEqualTo(NOW.plusSeconds(3599));
        assertThat(parse("{\"access_token\":\"at\",\"expires_in\":3599.7}").expiresAt()).isEqualTo(NOW.plusSeconds(3599));
    }

    @Test
    void missingOrNonsenseExpiresInIsUnknownExpiry() {
        assertThat(parse("{\"access_token\":\"at\"}").expiresAt()).isNull();
        assertThat(parse("{\"access_token\":\"at\",\"expires_in\":\"soon\"}").expiresAt()).isNull();
        assertThat(parse("{\"access_token\":\"at\",\"expires_in\":0}").expiresAt()).isNull();
        assertThat(parse("{\"access_token\":\"at\",\"expires_in\":-5}").expiresAt()).isNull();
        assertThat(parse("{\"access_token\":\"at\",\"expires_in\":null}").expiresAt()).isNull();
    }

    @Test
    void absoluteExpiresAtIsUsedWhenExpiresInIsMissing() {
        long at = NOW.getEpochSecond() + 600;
        assertThat(parse("{\"access_token\":\"at\",\"expires_at\":" + at + "}").expiresAt())
                .isEqualTo(Instant.ofEpochSecond(at));
        assertThat(parse("{\"access_token\":\"at\",\"expires_at\":\"" + at + "\"}").expiresAt())
                .isEqualTo(Instant.ofEpochSecond(at));
        assertThat(parse("{\"access_token\":\"at\",\"expires_at\":" + at * 1000 + "}").expiresAt())
                .isEqualTo(Instant.ofEpochSecond(at));
        assertThat(parse("{\"access_token\":\"at\",\"expires_in\":60,\"expires_at\":" + at + "}").expiresAt())
                .isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void missingTokenTypeIsBearer() {
        assertThat(parse("{\"access_token\":\"at\"}").tokenType()).isEqualTo("Bearer");
        assertThat(parse("{\"access_token\":\"at\",\"token_type\":\"\"}").tokenType()).isEqualTo("Bearer");
    }

    @Test
    void bearerVariantsAreNormalisedCaseInsensitively() {
        for (String variant : List.of("bearer", "BEARER", "BearerToken", " Bearer ")) {
            TokenSet t = parse("{\"access_token\":\"at\",\"token_type\":\"" + variant + "\"}");
            assertThat(t.tokenType()).isEqualTo("Bearer");
            assertThat(t.isBearer()).isTrue();
        }
        assertThat(parse("{\"access_token\":\"at\",\"token_type\":\"dpop\"}").tokenType()).isEqualTo("DPoP");
        assertThat(parse("{\"access_token\":\"at\",\"token_type\":\"mac\"}").tokenType()).isEqualTo("mac");
    }

    @Test
    void scopeIsSplitOnSpaceOrElseComma() {
        assertThat(parse("{\"access_token\":\"at\",\"scope\":\"a  b c\"}").scopes()).containsExactly("a", "b", "c");
        assertThat(parse("{\"access_token\":\"at\",\"scope\":\"repo,user:email\"}").scopes())
                .containsExactly("repo", "user:email");
        assertThat(parse("{\"access_token\":\"at\",\"scope\":[\"x\",\"y\"]}").scopes()).containsExactly("x", "y");
        assertThat(parse("{\"access_token\":\"at\",\"scope\":\"\"}").scopes()).isEmpty();
    }

    @Test
    void whenScopesAreSeparatedByCommaAndSpaceThenNeitherIsPartOfAScope() {
        assertThat(parse("{\"access_token\":\"at\",\"scope\":\"read, write\"}").scopes()).containsExactly("read", "write");
        assertThat(parse("{\"access_token\":\"at\",\"scope\":\" ,read ,, write,\\tadmin \"}").scopes())
                .containsExactly("read", "write", "admin");
        assertThat(parse("{\"access_token\":\"at\",\"scope\":\" , \"}").scopes()).isEmpty();
    }

    @Test
    void absentScopeIsNull() {
        assertThat(parse("{\"access_token\":\"at\"}").scopes()).isNull();
    }

    @Test
    void unknownMembersAreKeptInExtraWithTheirJsonTypes() {
        TokenSet t = parse("""
                {"access_token":"at","instance_url":"https://x.my.salesforce.com","id_token":"eyJ.x.y",
                 "n":42,"nested":{"a":[1,true]}}""");
        assertThat(t.extra()).containsEntry("instance_url", "https://x.my.salesforce.com")
                .containsEntry("id_token", "eyJ.x.y").containsEntry("n", 42)
                .containsEntry("nested", Map.of("a", List.of(1, true)));
        assertThat(t.extra()).doesNotContainKeys("access_token", "token_type", "expires_in", "scope");
    }

    @Test
    void formEncodedBodyIsParsed() {
        TokenSet t = issued(TokenResponses.parse(response(200, "application/x-www-form-urlencoded",
                "access_token=gho_abc&scope=repo%2Cgist&token_type=bearer&expires_in=28800&refresh_token=ghr_x"), NOW));
        assertThat(t.accessToken()).isEqualTo("gho_abc");
        assertThat(t.scopes()).containsExactly("repo", "gist");
        assertThat(t.tokenType()).isEqualTo("Bearer");
        assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(28800));
        assertThat(t.refreshToken()).isEqualTo("ghr_x");
    }

    @Test
    void bodyIsSniffedWhenContentTypeIsMissingOrWrong() {
        assertThat(issued(TokenResponses.parse(response(200, null, "{\"access_token\":\"at\"}"), NOW)).accessToken())
                .isEqualTo("at");
        assertThat(issued(TokenResponses.parse(response(200, "text/plain", "access_token=at&token_type=bearer"), NOW))
                .accessToken()).isEqualTo("at");
        assertThat(issued(TokenResponses.parse(response(200, "application/x-www-form-urlencoded",
                " {\"access_token\":\"at\"}\n"), NOW)).accessToken()).isEqualTo("at");
    }

    @Test
    void missingRefreshTokenIsNullAndPreviousCanBeKept() {
        TokenSet t = parse("{\"access_token\":\"at\",\"refresh_token\":\"\"}");
        assertThat(t.refreshToken()).isNull();
        assertThat(t.keepRefreshToken("old-rt").refreshToken()).isEqualTo("old-rt");
        assertThat(parse("{\"access_token\":\"at\",\"refresh_token\":\"new\"}").keepRefreshToken("old").refreshToken())
                .isEqualTo("new");
    }

    @Test
    void nestedAccessTokenPathIsFollowedAndNestedSecretsStayOutOfExtra() {
        TokenSet t = issued(TokenResponses.parse(json(200, """
                {"ok":true,"team":{"id":"T1"},"authed_user":{"id":"U1","scope":"chat:write,users:read",
                 "access_token":"xoxp-1","token_type":"user","refresh_token":"xoxe-1","expires_in":43200}}"""),
                NOW, "authed_user.access_token"));
        assertThat(t.accessToken()).isEqualTo("xoxp-1");
        assertThat(t.refreshToken()).isEqualTo("xoxe-1");
        assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(43200));
        assertThat(t.scopes()).containsExactly("chat:write", "users:read");
        assertThat(t.extra()).containsEntry("ok", true).containsEntry("authed_user", Map.of("id", "U1", "scope",
                "chat:write,users:read", "token_type", "user", "expires_in", 43200));
        assertThat(t.extra().toString()).doesNotContain("xoxp-1", "xoxe-1");
    }

    @Test
    void nestedPathFallsBackToTopLevelAccessToken() {
        TokenSet t = issued(TokenResponses.parse(json(200, "{\"access_token\":\"xoxb\",\"token_type\":\"bot\"}"),
                NOW, "authed_user.access_token"));
        assertThat(t.accessToken()).isEqualTo("xoxb");
    }

    @Test
    void expiresBeforeTreatsUnknownExpiryAsNotExpiring() {
        assertThat(parse("{\"access_token\":\"at\"}").expiresBefore(NOW.plusSeconds(1_000_000))).isFalse();
        assertThat(parse("{\"access_token\":\"at\",\"expires_in\":60}").expiresBefore(NOW.plusSeconds(61))).isTrue();
    }

    @Test
    void refusedForMissingAccessTokenNamesMembersButNoValues() {
        TokenResult.Refused r = refused(TokenResponses.parse(json(200, "{\"result\":\"0000\",\"message\":\"OK\"}"), NOW));
        assertThat(r.error()).isEqualTo("invalid_token_response");
        assertThat(r.description()).contains("result", "message").doesNotContain("0000");
    }
}
