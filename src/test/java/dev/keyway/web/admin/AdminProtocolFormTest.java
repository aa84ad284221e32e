package dev.keyway.web.admin;

import static dev.keyway.testing.AdminHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.AdminHttp;
import dev.keyway.testing.Api;
import dev.keyway.testing.FakeMetadataServer;
import dev.keyway.testing.KeywayUnderTest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OAuth2 form's fields for client assertions, DPoP, PAR, ID token keys, resource indicators and token-response
 * quirks over plain HTTP: saved as typed, shown again on edit, refusals next to their field; the connection page's keys.
 */
class AdminProtocolFormTest {
    static KeywayUnderTest keyway;
    static AdminHttp http;
    static Api api;
    static String csrf;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().start();
        var account = keyway.keyway().accounts().create("Protocols");
        keyway.keyway().users().create(account.id(), "proto@example.test", "correct horse battery");
        api = new Api(keyway.base(), account.apiKey());
        http = new AdminHttp(keyway.base());
        assertThat(http.signIn("proto@example.test", "correct horse battery").statusCode()).isEqualTo(303);
        csrf = AdminHttp.csrf(http.get("/admin/connections/new?type=oauth2").body());
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    /** Every field of the OAuth2 form as a browser would send it, with {@code pairs} laid over. */
    static Map<String, String> oauth2(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>(form("_csrf", csrf, "name", "Modern", "description", "",
                "clientId", "modern-client", "clientSecret", "", "authorizationUrl", "https://as.example.test/authorize",
                "tokenUrl", "https://as.example.test/token", "scopes", "openid email", "scopeSeparator", "space",
                "clientAuthentication", "private_key_jwt", "assertionAudience", "issuer", "keyAlgorithm", "RS256",
                "dpop", "on", "pkce", "on", "authorizationParams", "", "tokenParams", "", "placementIn", "header",
                "placementName", "Authorization", "placementScheme", "Bearer", "tokenExpiredStatuses", "401",
                "revocationUrl", "", "issuer", "https://as.example.test", "par", "required",
                "parUrl", "https://as.example.test/par", "jwksUrl", "https://as.example.test/jwks",
                "resources", "https://api.example.test/\r\nhttps://files.example.test/",
                "tokenResponse.accessTokenPath", "data.access_token", "tokenResponse.expiresInUnit", "milliseconds",
                "tokenResponse.defaultExpiresInSeconds", "3600", "allowedUrl", "", "after", "close"));
        m.putAll(form(pairs));
        return m;
    }

    static String created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String location = r.headers().firstValue("Location").orElseThrow();
        return location.replaceAll(".*/connections/([^/?]+).*", "$1");
    }

    @Test
    void everyAdvancedMemberTypedInTheFormIsSavedAsTyped() {
        String id = created(http.post("/admin/connections", oauth2()));

        Api.Answer c = api.get("/api/v1/connections/" + id);
        assertThat(c.text("clientAuthentication")).isEqualTo("private_key_jwt");
        assertThat(c.text("assertionAudience")).isEqualTo("issuer");
        assertThat(c.text("keyAlgorithm")).isEqualTo("RS256");
        assertThat(c.json().get("dpop").asBoolean()).isTrue();
        assertThat(c.text("par")).isEqualTo("required");
        assertThat(c.text("parUrl")).isEqualTo("https://as.example.test/par");
        assertThat(c.text("jwksUrl")).isEqualTo("https://as.example.test/jwks");
        assertThat(c.json().get("resources").toString()).isEqualTo("[\"https://api.example.test/\",\"https://files.example.test/\"]");
        assertThat(c.json().get("tokenResponse").get("accessTokenPath").asText()).isEqualTo("data.access_token");
        assertThat(c.json().get("tokenResponse").get("expiresInUnit").asText()).isEqualTo("milliseconds");
        assertThat(c.json().get("tokenResponse").get("defaultExpiresInSeconds").asLong()).isEqualTo(3600);
        assertThat(c.json().get("publicJwk").get("kty").asText()).isEqualTo("RSA");
    }

    @Test
    void theEditFormShowsEveryStoredMemberSoASaveKeepsThem() {
        String id = created(http.post("/admin/connections", oauth2("name", "Shown on edit")));

        String edit = http.get("/admin/connections/" + id + "/edit").body();

        assertThat(edit).contains("<option value=\"issuer\" selected>").contains("<option value=\"RS256\" selected>")
                .contains("<option value=\"required\" selected>").contains("<option value=\"milliseconds\" selected>")
                .containsPattern("id=\"f-dpop\"[^>]*checked")
                .contains("value=\"https://as.example.test/par\"").contains("value=\"https://as.example.test/jwks\"")
                .contains("https://api.example.test/\nhttps://files.example.test/")
                .contains("value=\"data.access_token\"").contains("value=\"3600\"");
    }

    @Test
    void anEditThatClearsTheQuirksAndTurnsDpopOffSavesThat() {
        String id = created(http.post("/admin/connections", oauth2("name", "Cleared")));
        Map<String, String> edit = oauth2("name", "Cleared", "tokenResponse.accessTokenPath", "",
                "tokenResponse.expiresInUnit", "seconds", "tokenResponse.defaultExpiresInSeconds", "", "resources", "",
                "par", "off", "parUrl", "");
        edit.remove("dpop");

        assertThat(http.post("/admin/connections/" + id, edit).statusCode()).isEqualTo(303);

        Api.Answer c = api.get("/api/v1/connections/" + id);
        assertThat(c.json().get("dpop").asBoolean()).isFalse();
        assertThat(c.text("par")).isEqualTo("off");
        assertThat(c.json().get("parUrl").isNull()).isTrue();
        assertThat(c.json().get("resources")).isEmpty();
        assertThat(c.json().get("tokenResponse").get("accessTokenPath").isNull()).isTrue();
        assertThat(c.json().get("tokenResponse").get("defaultExpiresInSeconds").isNull()).isTrue();
        assertThat(c.text("keyAlgorithm")).isEqualTo("RS256");
    }

    @Test
    void refusedAdvancedMembersAreShownNextToTheirFieldWithTheAdvancedSectionOpen() {
        Map<String, String> cases = Map.of(
                "tokenResponse.defaultExpiresInSeconds", "soon",
                "tokenResponse.accessTokenPath", "data[0]",
                "resources", "not a uri",
                "parUrl", "ftp://as.example.test/par");
        cases.forEach((field, bad) -> {
            HttpResponse<String> r = http.post("/admin/connections", oauth2("name", "Bad " + field, field, bad));
            assertThat(r.statusCode()).as(field).isEqualTo(422);
            assertThat(r.body()).as(field).contains("id=\"e-" + field + "\"").contains("details class=\"advanced\" open")
                    .contains(bad.replace("\"", "&#34;"));
        });
        String lifetime = http.post("/admin/connections", oauth2("tokenResponse.defaultExpiresInSeconds", "5")).body();
        assertThat(lifetime).contains("id=\"e-tokenResponse.defaultExpiresInSeconds\"").contains("from 60 to 31622400");
        String noParUrl = http.post("/admin/connections", oauth2("parUrl", "")).body();
        assertThat(noParUrl).contains("id=\"e-parUrl\"");
        assertThat(api.get("/api/v1/connections").body()).doesNotContain("Bad ");
    }

    @Test
    void theConnectionPageShowsThePublicKeysAndRotatingSignsWithANewKey() {
        String id = created(http.post("/admin/connections", oauth2("name", "Keys", "keyAlgorithm", "ES256")));
        Api.Answer before = api.get("/api/v1/connections/" + id);
        String kid = before.json().get("publicJwk").get("kid").asText();

        String page = http.get("/admin/connections/" + id).body();
        assertThat(page).contains("id=\"public-jwk\"").contains("\"kid\" : \"" + kid + "\"")
                .contains("value=\"" + before.text("clientJwksUrl") + "\"").contains("id=\"dpop-public-jwk\"")
                .contains(before.json().get("dpopPublicJwk").get("x").asText())
                .doesNotContain("\"d\"");

        HttpResponse<String> rotated = http.post("/admin/connections/" + id + "/keys/rotate",
                form("_csrf", AdminHttp.csrf(page)));
        assertThat(rotated.statusCode()).isEqualTo(303);
        assertThat(rotated.headers().firstValue("Location")).hasValue("/admin/connections/" + id + "?notice=rotated");

        Api.Answer after = api.get("/api/v1/connections/" + id);
        assertThat(after.json().get("publicJwk").get("kid").asText()).isNotEqualTo(kid);
        assertThat(http.get("/admin/connections/" + id).body()).contains(after.json().get("publicJwk").get("kid").asText());
    }

    @Test
    void anotherAccountsConnectionHasNoKeysPageAndCannotBeRotated() {
        Api other = keyway.newAccount("Elsewhere");
        Api.Answer theirs = other.post("/api/v1/connections", Map.of("type", "oauth2", "name", "Theirs", "clientId", "c",
                "authorizationUrl", "https://as.example.test/authorize", "tokenUrl", "https://as.example.test/token",
                "clientAuthentication", "private_key_jwt"));
        String kid = theirs.json().get("publicJwk").get("kid").asText();

        assertThat(http.get("/admin/connections/" + theirs.text("id")).statusCode()).isEqualTo(404);
        assertThat(http.post("/admin/connections/" + theirs.text("id") + "/keys/rotate", form("_csrf", csrf)).statusCode())
                .isEqualTo(404);
        assertThat(other.get("/api/v1/connections/" + theirs.text("id")).json().get("publicJwk").get("kid").asText())
                .isEqualTo(kid);
    }

    @Test
    void rotatingNeedsTheCsrfTokenAndAPrivateKeyJwtConnection() {
        String id = created(http.post("/admin/connections", oauth2("name", "Guarded")));
        String kid = api.get("/api/v1/connections/" + id).json().get("publicJwk").get("kid").asText();

        assertThat(http.post("/admin/connections/" + id + "/keys/rotate", form("_csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/connections/" + id).json().get("publicJwk").get("kid").asText()).isEqualTo(kid);

        Map<String, String> none = oauth2("name", "Plain", "clientAuthentication", "none", "par", "off");
        none.remove("dpop");
        String plain = created(http.post("/admin/connections", none));
        String page = http.get("/admin/connections/" + plain).body();
        assertThat(page).doesNotContain("Rotate key").doesNotContain("public-jwk");
        assertThat(http.post("/admin/connections/" + plain + "/keys/rotate", form("_csrf", csrf)).statusCode()).isEqualTo(409);
        assertThat(List.of(api.get("/api/v1/connections/" + plain).json().get("publicJwk").isNull())).containsExactly(true);
    }

    @Test
    void fromIssuerUrlFillsParUrlJwksUrlRequiredParAndTheDefaultPicksWhatTheServerSupports() {
        try (FakeMetadataServer fake = new FakeMetadataServer()) {
            String issuer = fake.url("");
            fake.serve("/.well-known/openid-configuration", """
                    {"issuer": "%s", "authorization_endpoint": "%s", "token_endpoint": "%s", "jwks_uri": "%s",
                     "pushed_authorization_request_endpoint": "%s", "require_pushed_authorization_requests": true,
                     "response_types_supported": ["code"],
                     "token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"]}
                    """.formatted(issuer, fake.url("/authorize"), fake.url("/token"), fake.url("/jwks"), fake.url("/par")));

            String page = http.post("/admin/connections/new/discover", form("_csrf", csrf, "discoverIssuer", issuer)).body();

            assertThat(page).contains("value=\"" + fake.url("/par") + "\"").contains("value=\"" + fake.url("/jwks") + "\"")
                    .contains("<option value=\"required\" selected>")
                    .contains("name=\"authMethods\" value=\"client_secret_basic private_key_jwt\"")
                    .contains("The issuer supports client_secret_basic private_key_jwt");
            Map<String, String> filled = oauth2("name", "Discovered", "issuer", issuer, "authorizationUrl", fake.url("/authorize"),
                    "tokenUrl", fake.url("/token"), "parUrl", fake.url("/par"), "jwksUrl", fake.url("/jwks"),
                    "clientAuthentication", "", "authMethods", "client_secret_basic private_key_jwt");
            Api.Answer withoutSecret = api.get("/api/v1/connections/" + created(http.post("/admin/connections", filled)));
            filled.put("name", "Discovered with a secret");
            filled.put("clientSecret", "typed-secret-value");
            Api.Answer withSecret = api.get("/api/v1/connections/" + created(http.post("/admin/connections", filled)));
            filled.put("name", "Discovered with a choice");
            filled.put("clientAuthentication", "client_secret_post");
            Api.Answer chosen = api.get("/api/v1/connections/" + created(http.post("/admin/connections", filled)));

            assertThat(withoutSecret.text("clientAuthentication")).isEqualTo("private_key_jwt");
            assertThat(withoutSecret.text("par")).isEqualTo("required");
            assertThat(withSecret.text("clientAuthentication")).isEqualTo("client_secret_basic");
            assertThat(chosen.text("clientAuthentication")).isEqualTo("client_secret_post");
        }
    }
}
