package dev.keyway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/** A connection connected once and the access token it serves: what a failed Connect must leave in use. */
public record ExistingGrant(Api api, String id, String accessToken) {
    private static final String SECRET = "s3cret-client-value";

    /** Creates and connects {@code body} in the operator's browser. */
    public static ExistingGrant existing(Operator operator, Connections body) {
        String id = operator.connected(body);
        return new ExistingGrant(operator.api(), id, operator.accessToken(id));
    }

    /** A plain 400 page that says {@code says}, with no stack trace, client secret or access token. */
    public static void assertErrorPage(HttpResponse<String> page, ExistingGrant e, String says) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains(says)
                .doesNotContain("\tat ").doesNotContain("Caused by").doesNotContain(".java:").doesNotContain("dev.keyway.")
                .doesNotContain(SECRET).doesNotContain(e.accessToken());
    }

    /** Still connected, and GET token still serves the same access token. */
    public static void assertGrantUntouched(ExistingGrant e) {
        assertThat(e.api().get("/api/v1/connections/" + e.id()).text("status")).isEqualTo("connected");
        Api.Answer token = e.api().get("/api/v1/connections/" + e.id() + "/token");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(token.text("accessToken")).isEqualTo(e.accessToken());
    }
}
