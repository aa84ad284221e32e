package dev.keyway.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.ConnectKeyway;
import dev.keyway.testing.Connections;
import dev.keyway.testing.Operator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Creating and reading connections as a platform developer does: 201 with the redirect URI and no secret, get and
 * list without the secret, 404 for an unknown id, a name unique within the account.
 */
class ConnectionCreateTest {
    private static final String SECRET = "s3cret-client-value";

    @RegisterExtension
    static final ConnectKeyway keyway = new ConnectKeyway();
    static final AuthServer as = keyway.as();
    final Api api = keyway.api();
    final Operator operator = keyway.operator();

    @Test
    void createAnswers201WithRedirectUriStatusAndNoSecret() {
        Api.Answer created = api.post("/api/v1/connections", Connections.against(as).with("name", "CRM created").body());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("id")).startsWith("con_");
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/v1/connections/" + created.text("id"));
        assertThat(created.text("type")).isEqualTo("oauth2");
        assertThat(created.text("name")).isEqualTo("CRM created");
        assertThat(created.text("redirectUri")).isEqualTo(keyway.base() + "/oauth2/callback");
        assertThat(created.text("status")).isEqualTo("not_connected");
        assertThat(created.json().get("clientSecretSet").asBoolean()).isTrue();
        assertThat(created.json().has("clientSecret")).isFalse();
        assertThat(created.body()).doesNotContain(SECRET);
        assertThat(created.text("clientAuthentication")).isEqualTo("client_secret_basic");
        assertThat(created.json().get("pkce").asBoolean()).isTrue();
        assertThat(created.text("scopeSeparator")).isEqualTo(" ");
        assertThat(texts(created.json().get("scopes"))).containsExactly("openid", "crm.read");
        assertThat(created.json().get("history").get(0).get("kind").asText()).isEqualTo("created");
    }

    @Test
    void getAndListShowTheConnectionWithoutItsSecret() {
        Api account = keyway.newAccount("Lister");
        Operator lister = new Operator(account);
        String first = lister.create(Connections.against(as).with("name", "first"));
        String second = lister.create(Connections.against(as).with("name", "second").with("clientSecret", null)
                .with("clientAuthentication", "none"));

        Api.Answer one = account.get("/api/v1/connections/" + first);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.text("id")).isEqualTo(first);
        assertThat(one.text("name")).isEqualTo("first");
        assertThat(one.text("tokenUrl")).isEqualTo(as.tokenUrl());
        assertThat(one.text("authorizationUrl")).isEqualTo(as.authorizationUrl());
        assertThat(one.body()).doesNotContain(SECRET);

        Api.Answer list = account.get("/api/v1/connections");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(SECRET);
        List<String> ids = new ArrayList<>();
        list.json().get("items").forEach(i -> ids.add(i.get("id").asText()));
        assertThat(ids).containsExactly(first, second);
        assertThat(list.json().get("items").get(0).get("clientSecretSet").asBoolean()).isTrue();
        assertThat(list.json().get("items").get(1).get("clientSecretSet").asBoolean()).isFalse();
        assertThat(list.json().get("items").get(1).get("clientAuthentication").asText()).isEqualTo("none");
    }

    @Test
    void getOfAnUnknownIdIs404() {
        Api.Answer missing = api.get("/api/v1/connections/con_doesnotexist");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("code")).isEqualTo("not_found");
    }

    @Test
    void duplicateNameInTheSameAccountIs409NameTakenAndTheSameNameInAnotherAccountIsFine() {
        Api account = keyway.newAccount("Dupes");
        Api other = keyway.newAccount("Other");
        assertThat(account.post("/api/v1/connections", Connections.against(as).with("name", "Salesforce").body()).status())
                .isEqualTo(201);

        Api.Answer again = account.post("/api/v1/connections", Connections.against(as).with("name", "Salesforce").body());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("name_taken");
        assertThat(again.text("field")).isEqualTo("name");
        assertThat(account.get("/api/v1/connections").json().get("items")).hasSize(1);

        assertThat(other.post("/api/v1/connections", Connections.against(as).with("name", "Salesforce").body()).status())
                .isEqualTo(201);
    }

    // ---- helpers

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
