package dev.keyway.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.keyway.connection.ConnectionKeys;
import dev.keyway.problem.Problem;
import dev.keyway.web.Http;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;

/**
 * GET /jwks/{jwksId}: the public key of one connection's private_key_jwt key pair as a JWKS (RFC 7517 §5), for its
 * authorization server to fetch. No API key; the id is 192 random bits, not the connection id, and the answer holds
 * nothing but the public key. Unknown ids (and connections without such a key) are 404.
 */
public final class JwksApi {
    public static final String PATH = "/jwks/{jwksId}";

    private final ConnectionKeys keys;
    private final Http http;

    public JwksApi(ConnectionKeys keys, Http http) {
        this.keys = keys;
        this.http = http;
    }

    public void serve(ServerRequest req, ServerResponse res) throws JsonProcessingException {
        String id = req.path().pathParameters().get("jwksId");
        if (id.length() > 64) {
            throw Problem.notFound("jwks");
        }
        var jwks = keys.jwks(id).orElseThrow(() -> Problem.notFound("jwks"));
        res.header(HeaderNames.CONTENT_TYPE, "application/jwk-set+json");
        res.header(HeaderNames.CACHE_CONTROL, "max-age=300");
        res.send(http.json().writeValueAsBytes(jwks));
    }

    public static String url(URI publicUrl, String jwksId) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH.replace("{jwksId}", jwksId);
    }
}
