package dev.keyway.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.ConnectKeyway;
import dev.keyway.testing.Connections;
import dev.keyway.testing.Operator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad create and edit bodies: 400 with a stable {@code code} and the {@code field} at fault, and nothing written
 * or changed.
 */
class ConnectionBadInputTest {
    private static final String SECRET = "s3cret-client-value";

    @RegisterExtension
    static final ConnectKeyway keyway = new ConnectKeyway();
    static final AuthServer as = keyway.as();
    final Api api = keyway.api();
    final Operator operator = keyway.operator();

    /** A bad create body, the field Keyway must name (null: the body as a whole) and the code it must give. */
    static Stream<Arguments> badCreates() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(bad("missing name", () -> base().without("name"), "name", "required"));
        cases.add(bad("blank name", () -> base().with("name", "   "), "name", "required"));
        cases.add(bad("missing clientId", () -> base().without("clientId"), "clientId", "required"));
        cases.add(bad("missing authorizationUrl", () -> base().without("authorizationUrl"), "authorizationUrl", "required"));
        cases.add(bad("missing tokenUrl", () -> base().without("tokenUrl"), "tokenUrl", "required"));
        cases.add(bad("relative authorizationUrl", () -> base().with("authorizationUrl", "/authorize"), "authorizationUrl", "invalid_url"));
        cases.add(bad("relative tokenUrl", () -> base().with("tokenUrl", "token"), "tokenUrl", "invalid_url"));
        cases.add(bad("ftp tokenUrl", () -> base().with("tokenUrl", "ftp://127.0.0.1/token"), "tokenUrl", "invalid_url"));
        cases.add(bad("javascript authorizationUrl", () -> base().with("authorizationUrl", "javascript:alert(1)"), "authorizationUrl", "invalid_url"));
        cases.add(bad("tokenUrl with user info", () -> base().with("tokenUrl", "https://user:pw@as.example/token"), "tokenUrl", "invalid_url"));
        cases.add(bad("authorizationUrl with fragment", () -> base().with("authorizationUrl", "https://as.example/authorize#frag"), "authorizationUrl", "invalid_url"));
        cases.add(bad("revocationUrl not a URL", () -> base().with("revocationUrl", "ht tp://x"), "revocationUrl", "invalid_url"));
        // wrong JSON type, one per member
        cases.add(bad("type as number", () -> base().with("type", 1), "type", "invalid_type"));
        cases.add(bad("name as number", () -> base().with("name", 42), "name", "invalid_type"));
        cases.add(bad("description as boolean", () -> base().with("description", true), "description", "invalid_type"));
        cases.add(bad("clientId as array", () -> base().with("clientId", List.of("a")), "clientId", "invalid_type"));
        cases.add(bad("clientSecret as number", () -> base().with("clientSecret", 7), "clientSecret", "invalid_type"));
        cases.add(bad("authorizationUrl as object", () -> base().with("authorizationUrl", Map.of("u", "v")), "authorizationUrl", "invalid_type"));
        cases.add(bad("tokenUrl as number", () -> base().with("tokenUrl", 3.5), "tokenUrl", "invalid_type"));
        cases.add(bad("revocationUrl as boolean", () -> base().with("revocationUrl", false), "revocationUrl", "invalid_type"));
        cases.add(bad("issuer as number", () -> base().with("issuer", 1), "issuer", "invalid_type"));
        cases.add(bad("scopes as number", () -> base().with("scopes", 5), "scopes", "invalid_type"));
        cases.add(bad("scopes holding a number", () -> base().with("scopes", List.of(1)), "scopes", "invalid_value"));
        cases.add(bad("scopeSeparator as number", () -> base().with("scopeSeparator", 1), "scopeSeparator", "invalid_type"));
        cases.add(bad("clientAuthentication as number", () -> base().with("clientAuthentication", 1), "clientAuthentication", "invalid_type"));
        cases.add(bad("pkce as string", () -> base().with("pkce", "yes"), "pkce", "invalid_type"));
        cases.add(bad("authorizationParams as string", () -> base().with("authorizationParams", "prompt=consent"), "authorizationParams", "invalid_type"));
        cases.add(bad("authorizationParams holding a number", () -> base().with("authorizationParams", Map.of("prompt", 1)), "authorizationParams", "invalid_value"));
        cases.add(bad("tokenParams as array", () -> base().with("tokenParams", List.of("x")), "tokenParams", "invalid_type"));
        // values
        cases.add(bad("unknown member", () -> base().with("clientSecrett", "typo"), "clientSecrett", "unknown_field"));
        cases.add(bad("read-only member", () -> base().with("status", "connected"), "status", "unknown_field"));
        cases.add(bad("unsupported type", () -> base().with("type", "saml"), "type", "unsupported_type"));
        cases.add(bad("reserved authorization param state", () -> base().with("authorizationParams", Map.of("state", "x")), "authorizationParams", "reserved_parameter"));
        cases.add(bad("reserved authorization param redirect_uri", () -> base().with("authorizationParams", Map.of("redirect_uri", "https://evil.example/")), "authorizationParams", "reserved_parameter"));
        cases.add(bad("reserved token param grant_type", () -> base().with("tokenParams", Map.of("grant_type", "password")), "tokenParams", "reserved_parameter"));
        cases.add(bad("too-long name", () -> base().with("name", "n".repeat(201)), "name", "too_long"));
        cases.add(bad("name with a control character", () -> base().with("name", "CRM\u0000"), "name", "invalid_value"));
        cases.add(bad("bad scopeSeparator", () -> base().with("scopeSeparator", "|"), "scopeSeparator", "invalid_value"));
        cases.add(bad("scope with a space", () -> base().with("scopes", List.of("a b")), "scopes", "invalid_value"));
        cases.add(bad("bad clientAuthentication", () -> base().with("clientAuthentication", "private_key_jwt_typo"), "clientAuthentication", "invalid_value"));
        cases.add(bad("client_secret_post without a secret", () -> base().without("clientSecret").with("clientAuthentication", "client_secret_post"), "clientSecret", "client_secret_required"));
        cases.add(bad("client_secret_basic with a null secret", () -> base().with("clientSecret", null).with("clientAuthentication", "client_secret_basic"), "clientSecret", "client_secret_required"));
        // bodies that are not a connection object
        cases.add(bad("malformed JSON", () -> "{\"name\": \"x\",", null, "invalid_json"));
        cases.add(bad("valid connection followed by garbage", () -> json(base().body()) + " trailing", null, "invalid_json"));
        cases.add(bad("two JSON objects", () -> json(base().body()) + json(base().body()), null, "invalid_json"));
        cases.add(bad("a member given twice", () -> "{\"name\": \"CRM\", \"name\": \"ERP\"}", null, "duplicate_member"));
        cases.add(bad("a nested member given twice", () -> json(base().body()).replaceFirst("\\{", "{\"authorizationParams\": "
                + "{\"prompt\": \"consent\", \"prompt\": \"none\"},"), null, "duplicate_member"));
        cases.add(bad("JSON array body", () -> "[" + json(base().body()) + "]", null, "invalid_json"));
        cases.add(bad("JSON string body", () -> "\"a connection\"", null, "invalid_json"));
        cases.add(bad("JSON null body", () -> "null", null, "invalid_json"));
        cases.add(bad("not JSON at all", () -> "name=CRM&clientId=x", null, "invalid_json"));
        cases.add(bad("empty body", () -> "", "name", "required"));
        cases.add(bad("empty object", () -> "{}", "name", "required"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreates")
    void badCreateIsRefusedWith400FieldAndCodeAndWritesNothing(String label, Supplier<Object> body, String field, String code) {
        Api account = keyway.newAccount("Bad input " + label);
        Object b = body.get();

        Api.Answer refused = account.post("/api/v1/connections", b instanceof Connections c ? c.body() : b);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json()).as("a JSON problem: %s", refused.body()).isNotNull();
        assertThat(refused.text("code")).isEqualTo(code);
        assertThat(refused.json().has("field")).isTrue();
        assertThat(refused.text("field")).isEqualTo(field);
        assertThat(refused.text("message")).isNotBlank();
        assertThat(refused.body()).doesNotContain(SECRET);
        assertThat(account.get("/api/v1/connections").json().get("items")).isEmpty();
    }

    static Stream<Arguments> badPatches() {
        return Stream.of(
                Arguments.of("relative tokenUrl", Map.of("tokenUrl", "/token"), "tokenUrl", "invalid_url"),
                Arguments.of("ftp authorizationUrl", Map.of("authorizationUrl", "ftp://127.0.0.1/a"), "authorizationUrl", "invalid_url"),
                Arguments.of("null name", nullValued("name"), "name", "required"),
                Arguments.of("name as number", Map.of("name", 1), "name", "invalid_type"),
                Arguments.of("unknown member", Map.of("id", "con_other"), "id", "unknown_field"),
                Arguments.of("reserved token param", Map.of("tokenParams", Map.of("code_verifier", "x")), "tokenParams", "reserved_parameter"),
                Arguments.of("secret removed under client_secret_basic", nullValued("clientSecret"), "clientSecret", "client_secret_required"),
                Arguments.of("malformed JSON", "{\"name\":", null, "invalid_json"),
                Arguments.of("JSON array body", "[]", null, "invalid_json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPatches")
    void badPatchIsRefusedWith400AndChangesNothing(String label, Object patch, String field, String code) {
        String id = operator.create(Connections.against(as));
        Api.Answer before = api.get("/api/v1/connections/" + id);

        Api.Answer refused = api.patch("/api/v1/connections/" + id, patch);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo(code);
        assertThat(refused.text("field")).isEqualTo(field);
        Api.Answer after = api.get("/api/v1/connections/" + id);
        assertThat(after.json()).isEqualTo(before.json());
    }

    // ---- helpers

    private static Connections base() {
        return Connections.against(as);
    }

    private static Arguments bad(String label, Supplier<Object> body, String field, String code) {
        return Arguments.of(label, body, field, code);
    }

    private static Map<String, Object> nullValued(String field) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(field, null);
        return m;
    }

    private static String json(Object o) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
