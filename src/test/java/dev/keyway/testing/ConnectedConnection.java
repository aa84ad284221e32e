package dev.keyway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A connection created over the API and connected through a real Connect (browser, callback, code
 * exchange), with shortcuts to its token endpoints. Built by {@link #via(Api, FakeTokenServer)} or
 * {@link #via(Api, AuthServer)}.
 */
public record ConnectedConnection(Api api, String id) {

    /** Against a {@link FakeTokenServer}: its own non-interactive authorize step, then its token endpoint. */
    public static ConnectedConnection via(Api api, FakeTokenServer fake) {
        return via(api, fake, Map.of());
    }

    /** Against a {@link FakeTokenServer}, with more (or other) members in the connection's body. */
    public static ConnectedConnection via(Api api, FakeTokenServer fake, Map<String, Object> members) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(fake.connection("Fake " + System.nanoTime()));
        body.putAll(members);
        String id = create(api, body);
        HttpResponse<String> landed = fake.connect(new Browser(), connectUrl(api, id));
        return connected(api, id, landed);
    }

    /** Against mock-oauth2-server, signing in on its login form. */
    public static ConnectedConnection via(Api api, AuthServer as) {
        String id = create(api, Connections.against(as).body());
        HttpResponse<String> landed = new Browser().connect(connectUrl(api, id), "operator@acme.test");
        return connected(api, id, landed);
    }

    public Api.Answer token() {
        return api.get(path() + "/token");
    }

    public Api.Answer refresh() {
        return api.post(path() + "/refresh", Map.of());
    }

    /** The connection as the API shows it, with its history. */
    public Api.Answer read() {
        return api.get(path());
    }

    public String status() {
        return read().text("status");
    }

    /** The history's kinds, newest first. */
    public List<String> historyKinds() {
        List<String> kinds = new ArrayList<>();
        for (JsonNode e : read().json().get("history")) {
            kinds.add(e.get("kind").asText());
        }
        return kinds;
    }

    public String path() {
        return "/api/v1/connections/" + id;
    }

    private static String create(Api api, Map<String, Object> body) {
        Api.Answer created = api.post("/api/v1/connections", body);
        if (created.status() != 201) {
            throw new AssertionError("create answered " + created.status() + ": " + created.body());
        }
        return created.text("id");
    }

    private static String connectUrl(Api api, String id) {
        Api.Answer started = api.post("/api/v1/connections/" + id + "/connect", Map.of());
        if (started.status() != 201) {
            throw new AssertionError("connect answered " + started.status() + ": " + started.body());
        }
        return started.text("connectUrl");
    }

    private static ConnectedConnection connected(Api api, String id, HttpResponse<String> landed) {
        if (landed.statusCode() != 200 || !landed.body().contains("is connected")) {
            throw new AssertionError("Connect did not succeed: " + landed.statusCode() + ": " + landed.body());
        }
        return new ConnectedConnection(api, id);
    }
}
