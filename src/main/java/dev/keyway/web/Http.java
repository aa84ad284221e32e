package dev.keyway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.problem.Problem;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading JSON bodies and writing JSON answers, the same way everywhere. */
public final class Http {
    private final ObjectMapper json;

    public Http(ObjectMapper json) {
        this.json = json;
    }

    public ObjectMapper json() {
        return json;
    }

    /** The request body as a JSON object; an empty body is an empty object. Bad JSON is a 400, not a 500. */
    public ObjectNode object(ServerRequest req) {
        byte[] body = body(req);
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode n = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(body);
            if (n == null || !n.isObject()) {
                throw Problem.invalid(null, "invalid_json", "the body must be a JSON object");
            }
            return (ObjectNode) n;
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                // which value was meant is a guess: the last one would silently win
                throw Problem.invalid(null, "duplicate_member", "a member appears twice in the same object: "
                        + e.getOriginalMessage().substring("Duplicate field ".length()));
            }
            throw Problem.invalid(null, "invalid_json", "the body is not valid JSON");
        } catch (java.io.IOException e) {
            throw Problem.invalid(null, "invalid_json", "the body is not valid JSON");
        }
    }

    /**
     * The request body as any JSON value (null or missing when empty), a member given twice keeping the last: the
     * events intake, whose bodies are arrays and come from the platform as they are. Bad JSON is a 400.
     */
    public JsonNode value(ServerRequest req) {
        try {
            return json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body(req));
        } catch (java.io.IOException e) {
            throw Problem.invalid(null, "invalid_json", "the body is not valid JSON");
        }
    }

    private static byte[] body(ServerRequest req) {
        return req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
    }

    public void send(ServerResponse res, Status status, Object body) {
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            res.status(status);
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.send(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void ok(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    public void problem(ServerResponse res, Problem p) {
        Status status = switch (p.kind()) {
            case INVALID -> Status.BAD_REQUEST_400;
            case UNAUTHORIZED -> Status.UNAUTHORIZED_401;
            case NOT_FOUND -> Status.NOT_FOUND_404;
            case CONFLICT -> Status.CONFLICT_409;
            case UNAVAILABLE -> Status.SERVICE_UNAVAILABLE_503;
            case BAD_GATEWAY -> Status.BAD_GATEWAY_502;
            case GATEWAY_TIMEOUT -> Status.GATEWAY_TIMEOUT_504;
        };
        if (p.kind() == Problem.Kind.UNAUTHORIZED) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"keyway\"");
        }
        if (p.kind() == Problem.Kind.UNAVAILABLE) {
            res.header(HeaderNames.RETRY_AFTER, p.retryAfter() == null ? "30"
                    : Long.toString(Math.max(1, p.retryAfter().toSeconds())));
        }
        send(res, status, error(p.code(), p.getMessage(), p.field()));
    }

    public static Map<String, Object> error(String code, String message, String field) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("message", message);
        m.put("field", field);
        return m;
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
