package dev.keyway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.KeywayUnderTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server takes large bodies for the proxy only; every other route 1 MiB at most, with a Content-Length. */
class BodyLimitsTest {
    static KeywayUnderTest keyway;
    static String key;

    @BeforeAll
    static void start() {
        keyway = KeywayUnderTest.builder().start();
        key = keyway.keyway().accounts().create("Acme").apiKey();
    }

    @AfterAll
    static void stop() {
        keyway.close();
    }

    static HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keyway.base() + "/api/v1/connections"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json").POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBodyOverOneMebibyteIs413() throws Exception {
        HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024 + 1]));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("body_too_large");
    }

    @Test
    void aChunkedBodyOutsideTheProxyIs411() throws Exception {
        HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream("{\"name\": \"x\"}".getBytes())));

        assertThat(answer.statusCode()).isEqualTo(411);
        assertThat(answer.body()).contains("length_required");
    }

    @Test
    void aBodyWithinTheLimitIsRead() throws Exception {
        HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofString("{\"type\": \"token\"}"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"field\":\"name\"");
    }
}
