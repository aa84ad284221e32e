package dev.keyway.connection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.oauth.Par;
import dev.keyway.problem.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/** The OAuth2 members of the modern profiles: {@code par}, {@code resources}, and how they fit together. */
final class ProtocolMembers {
    static final int MAX_RESOURCES = 20;

    private ProtocolMembers() {
    }

    static Par par(JsonNode body) {
        String wire = Fields.optional(body, "par", 40);
        return wire == null ? Par.WHEN_AVAILABLE : Par.fromWireName(wire).orElseThrow(() -> Problem.invalid("par",
                "invalid_value", "par must be off, when_available or required"));
    }

    /** RFC 8707 §2: absolute URIs without fragment. */
    static List<URI> resources(JsonNode body) {
        JsonNode n = body.get("resources");
        List<URI> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray() || n.size() > MAX_RESOURCES) {
            throw Problem.invalid("resources", "invalid_type", "resources must be a list of at most " + MAX_RESOURCES + " URIs");
        }
        for (JsonNode item : n) {
            if (!item.isTextual() || item.textValue().length() > 2000) {
                throw Problem.invalid("resources", "invalid_resource", "each resource must be a URI of at most 2000 characters");
            }
            try {
                URI uri = new URI(item.textValue().strip());
                if (!uri.isAbsolute() || uri.getRawFragment() != null) {
                    throw new URISyntaxException(item.textValue(), "relative or with a fragment");
                }
                out.add(uri);
            } catch (URISyntaxException e) {
                throw Problem.invalid("resources", "invalid_resource",
                        "each resource must be an absolute URI without fragment (RFC 8707)");
            }
        }
        return out.stream().distinct().toList();
    }

    /** What the members say together: PAR required needs its endpoint. */
    static void check(OAuth2Settings s) {
        if (s.grantType().connectStep() && s.par() == Par.REQUIRED && s.parUrl() == null) {
            throw Problem.invalid("parUrl", "par_url_required",
                    "par is required but the connection has no parUrl (the server's pushed_authorization_request_endpoint)");
        }
    }
}
