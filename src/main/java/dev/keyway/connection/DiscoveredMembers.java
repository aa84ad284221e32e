package dev.keyway.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.oauth.ServerMetadata;
import dev.keyway.problem.Problem;
import java.net.URI;

/**
 * A connection body with an {@code issuer} and missing endpoints, completed from the issuer's metadata. The members
 * the caller gave win; the result is validated like any body, so discovered URLs meet the same rules.
 */
final class DiscoveredMembers {
    private DiscoveredMembers() {
    }

    /** Whether the body asks for discovery: an issuer, and no token URL or (for a Connect step) no authorization URL. */
    static boolean wanted(JsonNode body, boolean connectStep) {
        return present(body, "issuer") && (!present(body, "tokenUrl") || connectStep && !present(body, "authorizationUrl"));
    }

    /** @param secretSet whether the connection will hold a client secret (for the client authentication chosen) */
    static ObjectNode fill(ObjectNode body, ServerMetadata m, boolean secretSet) {
        ObjectNode out = body.deepCopy();
        if (!present(out, "clientAuthentication")) { // an explicit choice is never switched
            m.preferredClientAuth(secretSet).ifPresent(a -> out.put("clientAuthentication", a.wireName()));
        }
        put(out, "authorizationUrl", m.authorizationEndpoint());
        put(out, "tokenUrl", m.tokenEndpoint());
        put(out, "revocationUrl", m.revocationEndpoint());
        if (!present(out, "issParameterSupported")) {
            out.put("issParameterSupported", m.issParameterSupported());
        }
        put(out, "parUrl", m.parEndpoint());
        put(out, "jwksUrl", m.jwksUri());
        if (m.parRequired()) { // RFC 9126 §5: the server accepts no other authorization request
            if (present(out, "par") && "off".equalsIgnoreCase(out.get("par").asText().strip())) {
                throw Problem.invalid("par", "par_required_by_server",
                        "the issuer requires pushed authorization requests (require_pushed_authorization_requests)");
            }
            out.put("par", "required");
        }
        return out;
    }

    private static void put(ObjectNode body, String field, URI value) {
        if (!present(body, field) && value != null) {
            body.put(field, value.toString());
        }
    }

    private static boolean present(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && !n.isNull() && !(n.isTextual() && n.textValue().isBlank());
    }
}
