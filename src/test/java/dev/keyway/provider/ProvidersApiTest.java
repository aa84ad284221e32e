package dev.keyway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.KeywayUnderTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /api/v1/providers and connections created from a preset with {@code provider} and {@code variables}. */
class ProvidersApiTest {
    static KeywayUnderTest keyway;
    static Api api;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().start();
        api = keyway.newAccount("Acme");
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    static Map<String, Object> fromPreset(String provider, Map<String, String> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "oauth2");
        body.put("name", "From " + provider + " " + System.nanoTime());
        body.put("clientId", "client-1");
        body.put("clientSecret", "secret-1");
        body.put("provider", provider);
        if (variables != null) {
            body.put("variables", variables);
        }
        return body;
    }

    @Test
    void theListHasEveryPresetWithItsNameDocsAndVariables() {
        Api.Answer list = api.get("/api/v1/providers");
        assertThat(list.status()).isEqualTo(200);
        List<JsonNode> items = StreamSupport.stream(list.json().get("items").spliterator(), false).toList();
        assertThat(items).hasSize(Providers.bundled().list().size()).hasSizeGreaterThanOrEqualTo(30);
        JsonNode zendesk = items.stream().filter(i -> i.get("id").asText().equals("zendesk")).findFirst().orElseThrow();
        assertThat(zendesk.get("name").asText()).isEqualTo("Zendesk");
        assertThat(zendesk.get("docs").get(0).asText()).startsWith("https://");
        assertThat(zendesk.get("variables").get(0).get("name").asText()).isEqualTo("subdomain");
        assertThat(zendesk.get("variables").get(0).get("label").asText()).isNotBlank();
        assertThat(zendesk.has("tokenUrl")).as("the list is a summary").isFalse();
    }

    @Test
    void oneProviderIsShownWhole() {
        Api.Answer google = api.get("/api/v1/providers/google");
        assertThat(google.status()).isEqualTo(200);
        assertThat(google.text("tokenUrl")).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(google.json().get("authorizationParams").get("access_type").asText()).isEqualTo("offline");
        assertThat(google.text("pkce")).isEqualTo("supported");
        Api.Answer missing = api.get("/api/v1/providers/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("code")).isEqualTo("not_found");
    }

    @Test
    void aConnectionFromAPresetWithAVariableGetsTheInterpolatedEndpointsAndKeepsTheProvider() {
        Api.Answer created = api.post("/api/v1/connections", fromPreset("zendesk", Map.of("subdomain", "acme")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Api.Answer c = api.get("/api/v1/connections/" + created.text("id"));
        assertThat(c.text("authorizationUrl")).isEqualTo("https://acme.zendesk.com/oauth/authorizations/new");
        assertThat(c.text("tokenUrl")).isEqualTo("https://acme.zendesk.com/oauth/tokens");
        assertThat(c.text("allowedUrl")).isEqualTo("https://acme.zendesk.com/api/v2");
        assertThat(c.text("provider")).isEqualTo("zendesk");
        assertThat(c.json().get("variables").get("subdomain").asText()).isEqualTo("acme");
        assertThat(c.json().get("scopes").toString()).isEqualTo("[\"read\"]");
        assertThat(c.text("clientAuthentication")).isEqualTo("client_secret_post");
        assertThat(c.json().get("tokenExpiredStatuses").toString()).isEqualTo("[401]");
    }

    @Test
    void membersGivenInTheRequestWinOverThePreset() {
        Map<String, Object> body = fromPreset("google", null);
        body.put("scopes", List.of("https://www.googleapis.com/auth/drive.readonly"));
        body.put("authorizationParams", Map.of("prompt", "select_account"));
        body.put("pkce", false);
        Api.Answer created = api.post("/api/v1/connections", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Api.Answer c = api.get("/api/v1/connections/" + created.text("id"));
        assertThat(c.json().get("scopes").toString()).isEqualTo("[\"https://www.googleapis.com/auth/drive.readonly\"]");
        assertThat(c.json().get("authorizationParams").toString()).isEqualTo("{\"prompt\":\"select_account\"}");
        assertThat(c.json().get("pkce").asBoolean()).isFalse();
        assertThat(c.text("tokenUrl")).as("not given: from the preset").isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(c.text("issuer")).isEqualTo("https://accounts.google.com");
    }

    @Test
    void aNestedTokenPresetCarriesItsTokenResponseQuirk() {
        Api.Answer created = api.post("/api/v1/connections", fromPreset("slack-user", null));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/connections/" + created.text("id")).json().get("tokenResponse").get("accessTokenPath")
                .asText()).isEqualTo("authed_user.access_token");
    }

    @Test
    void anUnknownProviderIs400() {
        Api.Answer a = api.post("/api/v1/connections", fromPreset("no-such-service", null));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.text("code")).isEqualTo("unknown_provider");
        assertThat(a.text("field")).isEqualTo("provider");
    }

    @Test
    void aMissingVariableIs400NamingIt() {
        Api.Answer a = api.post("/api/v1/connections", fromPreset("zendesk", null));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.text("code")).isEqualTo("provider_variable_invalid");
        assertThat(a.text("field")).isEqualTo("variables.subdomain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.com/x", "acme.evil.com?", "acme#", "user@evil.com", "acme:443", "a b", "acme%2f..", "-"})
    void aVariableThatWouldChangeTheUrlsShapeIs400AndNothingIsWritten(String value) {
        int before = api.get("/api/v1/connections").json().get("items").size();
        Api.Answer a = api.post("/api/v1/connections", fromPreset("zendesk", Map.of("subdomain", value)));
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.text("code")).isEqualTo("provider_variable_invalid");
        assertThat(a.text("field")).isEqualTo("variables.subdomain");
        assertThat(api.get("/api/v1/connections").json().get("items").size()).isEqualTo(before);
    }

    @Test
    void aVariableThePresetDoesNotHaveIs400() {
        Api.Answer a = api.post("/api/v1/connections", fromPreset("zendesk", Map.of("subdomain", "acme", "host", "x")));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.text("field")).isEqualTo("variables.host");
    }

    @Test
    void editingAVariableMovesThePresetsEndpointsButNotTheOnesEditedByHand() {
        String id = api.post("/api/v1/connections", fromPreset("zendesk", Map.of("subdomain", "acme"))).text("id");
        api.patch("/api/v1/connections/" + id, Map.of("allowedUrl", "https://acme.zendesk.com/api/v2/tickets"));

        Api.Answer edited = api.patch("/api/v1/connections/" + id, Map.of("variables", Map.of("subdomain", "globex")));

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.text("tokenUrl")).isEqualTo("https://globex.zendesk.com/oauth/tokens");
        assertThat(edited.text("authorizationUrl")).isEqualTo("https://globex.zendesk.com/oauth/authorizations/new");
        assertThat(edited.text("allowedUrl")).as("edited by hand: kept").isEqualTo("https://acme.zendesk.com/api/v2/tickets");
        assertThat(edited.json().get("variables").get("subdomain").asText()).isEqualTo("globex");
    }

    @Test
    void theProviderCanBeDroppedAndTheMembersStay() {
        String id = api.post("/api/v1/connections", fromPreset("zendesk", Map.of("subdomain", "acme"))).text("id");
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("provider", null);
        Api.Answer edited = api.patch("/api/v1/connections/" + id, patch);
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("provider").isNull()).isTrue();
        assertThat(edited.text("tokenUrl")).isEqualTo("https://acme.zendesk.com/oauth/tokens");
    }

    static List<String> presetIds() {
        return Providers.bundled().list().stream().map(Provider::id).toList();
    }

    /** Every preset, its variables filled with their examples, makes a connection with its endpoints and quirks. */
    @ParameterizedTest
    @MethodSource("presetIds")
    void everyPresetMakesAConnectionWithItsEndpointsAuthenticationAndParameters(String id) {
        Provider p = Providers.bundled().find(id).orElseThrow();
        Map<String, String> examples = new LinkedHashMap<>();
        p.variables().forEach(v -> examples.put(v.name(), v.example()));
        Map<String, Object> body = fromPreset(id, examples.isEmpty() ? null : examples);
        if ("none".equals(p.clientAuthentication())) {
            body.remove("clientSecret");
        }

        Api.Answer created = api.post("/api/v1/connections", body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Answer c = api.get("/api/v1/connections/" + created.text("id"));
        assertThat(c.text("tokenUrl")).isEqualTo(filled(p.tokenUrl(), examples));
        assertThat(c.text("authorizationUrl")).isEqualTo(filled(p.authorizationUrl(), examples));
        assertThat(c.text("clientAuthentication")).isEqualTo(p.clientAuthentication());
        p.tokenParams().forEach((k, v) -> assertThat(c.json().get("tokenParams").get(k).asText()).isEqualTo(v));
        p.authorizationParams().forEach((k, v) ->
                assertThat(c.json().get("authorizationParams").get(k).asText()).isEqualTo(v));
    }

    static String filled(String template, Map<String, String> values) {
        String s = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            s = s.replace("{" + e.getKey() + "}", e.getValue());
        }
        return s;
    }

    @Test
    void providersNeedAnApiKey() {
        assertThat(keyway.anonymous().get("/api/v1/providers").status()).isEqualTo(401);
    }
}
