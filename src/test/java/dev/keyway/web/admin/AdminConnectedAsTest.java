package dev.keyway.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.AdminHttp;
import dev.keyway.testing.Api;
import dev.keyway.testing.Connections;
import dev.keyway.testing.FakeAuthorizationServer;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.Operator;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin page of an OpenID Connect connection says who it was connected as (from the validated ID token). */
class AdminConnectedAsTest {
    static FakeAuthorizationServer as;
    static KeywayUnderTest keyway;
    static AdminHttp http;
    static Operator operator;

    @BeforeAll
    static void start() {
        as = new FakeAuthorizationServer();
        keyway = KeywayUnderTest.builder().start();
        var account = keyway.keyway().accounts().create("OIDC");
        keyway.keyway().users().create(account.id(), "oidc@example.test", "correct horse battery");
        operator = new Operator(new Api(keyway.base(), account.apiKey()));
        http = new AdminHttp(keyway.base());
        assertThat(http.signIn("oidc@example.test", "correct horse battery").statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        keyway.close();
        as.close();
    }

    @Test
    void theDetailPageShowsWhoTheConnectionWasMadeAs() {
        String id = operator.create(Connections.fromIssuer(as.issuer()).with("scopes", List.of("openid", "email")));
        HttpResponse<String> before = http.get("/admin/connections/" + id);
        assertThat(before.body()).doesNotContain("connected-as");

        as.connect(operator.browser(), operator.connectUrl(id));
        HttpResponse<String> page = http.get("/admin/connections/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"connected-as\"").contains("Ada Lovelace").contains("ada@acme.test")
                .contains("(user-42)");
    }
}
