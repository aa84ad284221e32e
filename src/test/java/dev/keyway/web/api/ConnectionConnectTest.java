package dev.keyway.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.ConnectKeyway;
import dev.keyway.testing.Connections;
import dev.keyway.testing.Operator;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Starting a Connect over the API: only a return URL on Keyway itself is accepted, and the browser lands there
 * with a 303; an unknown member or an unknown connection is refused.
 */
class ConnectionConnectTest {
    @RegisterExtension
    static final ConnectKeyway keyway = new ConnectKeyway();
    static final AuthServer as = keyway.as();
    final Api api = keyway.api();
    final Operator operator = keyway.operator();

    @Test
    void connectWithAnUnknownMemberIsRefused() {
        String id = operator.create(Connections.against(as));
        Api.Answer refused = api.post("/api/v1/connections/" + id + "/connect", Map.of("returnUrl", "/done", "state", "x"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("unknown_field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example", "//evil.example/done", "http://127.0.0.1:1/done",
            "javascript:alert(1)", "/\\evil.example", "done"})
    void connectWithAForeignReturnUrlIsRefused(String returnUrl) {
        String id = operator.create(Connections.against(as));

        Api.Answer refused = api.post("/api/v1/connections/" + id + "/connect", Map.of("returnUrl", returnUrl));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("invalid_return_url");
        assertThat(refused.text("field")).isEqualTo("returnUrl");
    }

    @Test
    void connectWithAReturnUrlOnKeywayLandsThereWith303() {
        String id = operator.create(Connections.against(as));
        Api.Answer started = api.post("/api/v1/connections/" + id + "/connect", Map.of("returnUrl", "/done"));
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.text("connectUrl")).startsWith(keyway.base() + "/oauth2/connect/");
        assertThat(started.text("redirectUri")).isEqualTo(keyway.base() + "/oauth2/callback");
        assertThat(started.text("expiresAt")).isNotBlank();

        HttpResponse<String> landed = operator.browser().connect(started.text("connectUrl"), "operator@acme.test");

        assertThat(landed.statusCode()).isEqualTo(303);
        assertThat(landed.headers().firstValue("Location"))
                .hasValue(keyway.base() + "/done?connectionId=" + id + "&status=connected");
        assertThat(api.get("/api/v1/connections/" + id).text("status")).isEqualTo("connected");
    }

    @Test
    void connectOfAnUnknownConnectionIs404() {
        Api.Answer missing = api.post("/api/v1/connections/con_doesnotexist/connect", Map.of());
        assertThat(missing.status()).isEqualTo(404);
    }
}
