package dev.keyway.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.apicall.AllowedUrls;
import dev.keyway.apicall.Credential;
import dev.keyway.apicall.Credentials;
import dev.keyway.apicall.EgressProblems;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.egress.EgressClient;
import dev.keyway.egress.EgressRequest;
import dev.keyway.egress.EgressResponse;
import dev.keyway.problem.Problem;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one POST of a hook: a JSON array of events (each with {@code custom_data} rendered when the
 * hook defines it) through the egress guard, with {@code Idempotency-Key} and {@code X-Keyway-Timestamp},
 * and the connection's credentials (an oauth2 connection's "token expired" status: one refresh, one retry).
 */
public final class Sender {
    public static final int EXCERPT = 2000;
    private static final int MATCHED = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    /**
     * What was sent (credential values masked) and what came back; {@code error} when no answer came;
     * {@code held}: why the connection's credentials are not available now (needs_reconnect, not_connected), else null.
     */
    public record Outcome(String url, Map<String, String> headers, byte[] body, Integer status, String excerpt,
                          long latencyMs, boolean success, String error, String held) {

        /** An attempt that failed inside Keyway (nothing or not all was sent): counted like any failed attempt. */
        static Outcome unexpected(Hook hook, Exception e) {
            return new Outcome(hook.settings().url().toString(), Map.of(), null, null, null, 0, false,
                    "failed inside Keyway: " + e.getClass().getSimpleName(), null);
        }
    }

    private final ConnectionRepository connections;
    private final Credentials credentials;
    private final EgressClient egress;
    private final ObjectMapper json;
    private final Duration timeout;

    public Sender(ConnectionRepository connections, Credentials credentials, EgressClient egress, ObjectMapper json,
                  Duration timeout) {
        this.connections = connections;
        this.credentials = credentials;
        this.egress = egress;
        this.json = json;
        this.timeout = timeout;
    }

    /**
     * The body: one JSON array of the events as stored ({@code chunks}: JSON texts joined by commas), each
     * with the hook's custom_data rendered when it defines one.
     */
    public byte[] body(Hook hook, List<String> chunks) throws IOException {
        StringBuilder s = new StringBuilder(chunks.stream().mapToInt(String::length).sum() + 2).append('[');
        for (String chunk : chunks) {
            if (s.length() > 1) {
                s.append(',');
            }
            if (hook.settings().customData().isEmpty()) {
                s.append(chunk);
                continue;
            }
            boolean first = true;
            for (JsonNode event : json.readTree("[" + chunk + "]")) {
                ObjectNode e = (ObjectNode) event;
                e.set("custom_data", hook.settings().customData().render(e));
                s.append(first ? "" : ",").append(json.writeValueAsString(e));
                first = false;
            }
        }
        return s.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    public Outcome send(Hook hook, String idempotencyKey, int attempt, byte[] body, Instant at) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Idempotency-Key", List.of(idempotencyKey));
        headers.put("X-Keyway-Timestamp", List.of(at.toString()));
        headers.put("X-Keyway-Hook", List.of(hook.id().value()));
        headers.put("X-Keyway-Attempt", List.of(Integer.toString(attempt)));
        Map<String, String> shown = new LinkedHashMap<>();
        headers.forEach((k, v) -> shown.put(k, v.getFirst()));
        URI url = hook.settings().url();
        long t0 = System.nanoTime();
        try {
            Connection c = hook.settings().connectionId() == null ? null
                    : connections.find(hook.account(), hook.settings().connectionId()).orElseThrow(() -> Problem.conflict(
                            "connectionId", "connection_missing", "the hook's connection no longer exists"));
            if (c != null) {
                url = AllowedUrls.resolve(c.settings().access().allowedUrl(), url.toString(), "url");
            }
            EgressRequest request = new EgressRequest("POST", url, headers, body, timeout, false);
            Credential credential = c == null ? null : credentials.of(c);
            EgressResponse answer = egress.send(c == null ? request : mask(credential, request, shown));
            if (c != null && c.settings() instanceof OAuth2Settings
                    && c.settings().access().tokenExpiredStatuses().contains(answer.status())) {
                LOG.info("hook {}: the service answered {}, the connection's token expired status: "
                        + "retrying once with a newer token (none when a rejection just refreshed this one)",
                        hook.id(), answer.status());
                Credential next = credentials.afterExpiry(c, credential).orElse(null);
                if (next != null) { // none: a rejection refreshed this token moments ago, the answer stands
                    answer = egress.send(mask(next, request, shown));
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String text = new String(answer.body(), 0, Math.min(answer.body().length, MATCHED * 4), StandardCharsets.UTF_8);
            String matched = text.length() > MATCHED ? text.substring(0, MATCHED) : text;
            return new Outcome(url.toString(), shown, body, answer.status(), excerpt(text), ms,
                    hook.succeeded(answer.status(), matched), null, null);
        } catch (Problem p) {
            String held = "needs_reconnect".equals(p.code()) || "not_connected".equals(p.code()) ? p.code() : null;
            return failure(url, shown, body, t0, "the connection's credentials are not available: " + p.getMessage(), held);
        } catch (IOException e) {
            return failure(url, shown, body, t0, "no answer: " + EgressProblems.describe(e), null);
        }
    }

    private Outcome failure(URI url, Map<String, String> shown, byte[] body, long t0, String error, String held) {
        return new Outcome(url.toString(), shown, body, null, excerpt(error), (System.nanoTime() - t0) / 1_000_000, false,
                error, held);
    }

    private static EgressRequest mask(Credential credential, EgressRequest request, Map<String, String> shown) {
        credential.headers().keySet().forEach(name -> shown.put(name, "****"));
        credential.query().keySet().forEach(name -> shown.put("(query) " + name, "****"));
        return credential.applyTo(request);
    }

    static String excerpt(String s) {
        return s == null ? null : s.length() > EXCERPT ? s.substring(0, EXCERPT) : s;
    }

    /** A sample event for the test endpoint. */
    public static JsonNode sample(ObjectMapper json, Instant at) {
        ObjectNode e = json.createObjectNode();
        e.put("event_type", "open").put("event_date", at.toString()).put("profile_id", "sample-profile").put("list_id", 1)
                .put("account_id", 1).put("is_test", true);
        e.putObject("event_data").put("campaign_id", 1).put("message_id", 1).put("resource_id", 1);
        e.putObject("profile").put("email", "sample@example.com");
        return e;
    }
}
