package dev.keyway.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.AdminHttp;
import dev.keyway.testing.Api;
import dev.keyway.testing.KeywayUnderTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client credentials connection (created over the API) on its admin page: no Connect button, no authorization URL. */
class AdminClientCredentialsPageTest {
    static KeywayUnderTest keyway;
    static AdminHttp http;
    static Api api;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().start();
        var account = keyway.keyway().accounts().create("CC");
        keyway.keyway().users().create(account.id(), "cc@example.test", "correct horse battery");
        api = new Api(keyway.base(), account.apiKey());
        http = new AdminHttp(keyway.base());
        assertThat(http.signIn("cc@example.test", "correct horse battery").statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    @Test
    void theDetailPageShowsTheGrantTypeAndOffersNoConnect() {
        Api.Answer created = api.post("/api/v1/connections", Map.of("name", "Machine", "clientId", "m2m",
                "clientSecret", "s3cret", "grantType", "client_credentials", "tokenUrl", "https://as.example/token"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        HttpResponse<String> page = http.get("/admin/connections/" + created.text("id"));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("client_credentials").contains("no Connect step")
                .doesNotContain("/connect\"");
    }
}
