package dev.keyway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

/** An operator of one account: creates connections and takes them through Connect in their own browser. */
public final class Operator {
    private final Api api;
    private final Browser browser = new Browser();

    public Operator(Api api) {
        this.api = api;
    }

    public Api api() {
        return api;
    }

    public Browser browser() {
        return browser;
    }

    /** Creates a connection and returns its id; fails the test unless Keyway answers 201. */
    public String create(Connections body) {
        Api.Answer created = api.post("/api/v1/connections", body.body());
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        return created.text("id");
    }

    /** Starts Connect and returns the one-time connect URL. */
    public String connectUrl(String id) {
        Api.Answer started = api.post("/api/v1/connections/" + id + "/connect", Map.of());
        assertThat(started.status()).as("connect: %s", started.body()).isEqualTo(201);
        return started.text("connectUrl");
    }

    /** The whole Connect in this operator's browser; returns Keyway's last answer. */
    public HttpResponse<String> connect(String id) {
        return browser.connect(connectUrl(id), "operator@acme.test");
    }

    /** Creates a connection and connects it; fails the test unless it ends connected. */
    public String connected(Connections body) {
        String id = create(body);
        HttpResponse<String> landed = connect(id);
        assertThat(landed.statusCode()).as("connect landed: %s", landed.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/connections/" + id).text("status")).isEqualTo("connected");
        return id;
    }

    /** GET …/token; fails the test unless it answers 200. */
    public String accessToken(String id) {
        Api.Answer token = api.get("/api/v1/connections/" + id + "/token");
        assertThat(token.status()).as("token: %s", token.body()).isEqualTo(200);
        return token.text("accessToken");
    }
}
