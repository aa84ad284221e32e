package dev.keyway.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.connection.ConnectionRepository.SecretChange;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection as the JSON body that would create it (minus its secret): an edit is this body with the
 * patch laid over it, validated like a creation; the difference of two of them names what an edit changed.
 */
final class Editable {
    private Editable() {
    }

    static ObjectNode of(Connection c, ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("type", c.type()).put("name", c.name()).put("description", c.description());
        Access a = c.settings().access();
        n.put("allowedUrl", a.allowedUrl() == null ? null : a.allowedUrl().toString());
        if (c.type().equals("oauth2") || c.type().equals("token")) {
            n.set("credentialPlacement", json.valueToTree(a.placement()));
        }
        n.set("tokenExpiredStatuses", json.valueToTree(a.tokenExpiredStatuses()));
        switch (c.settings()) {
            case OAuth2Settings s -> {
                n.put("clientId", s.clientId())
                        .put("authorizationUrl", s.authorizationUrl() == null ? null : s.authorizationUrl().toString())
                        .put("tokenUrl", s.tokenUrl().toString())
                        .put("revocationUrl", s.revocationUrl() == null ? null : s.revocationUrl().toString())
                        .put("issuer", s.issuer()).put("scopeSeparator", s.scopeSeparator())
                        .put("clientAuthentication", s.clientAuthentication().wireName()).put("pkce", s.pkce())
                        .put("grantType", s.grantType().wireName()).put("issParameterSupported", s.issParameterSupported())
                        .put("assertionAudience", s.assertionAudience().wireName()).put("dpop", s.dpop())
                        .put("keyAlgorithm", s.keyAlgorithm().name());
                n.set("scopes", json.valueToTree(s.scopes()));
                n.set("authorizationParams", json.valueToTree(s.authorizationParams()));
                n.set("tokenParams", json.valueToTree(s.tokenParams()));
                n.put("par", s.par().wireName()).put("parUrl", s.parUrl() == null ? null : s.parUrl().toString())
                        .put("jwksUrl", s.jwksUrl() == null ? null : s.jwksUrl().toString());
                n.set("resources", json.valueToTree(s.resources().stream().map(java.net.URI::toString).toList()));
                if (!s.tokenResponse().quirkless()) {
                    n.set("tokenResponse", json.valueToTree(s.tokenResponse()));
                }
                if (s.provider() != null) {
                    n.put("provider", s.provider());
                    n.set("variables", json.valueToTree(s.variables()));
                }
            }
            case BasicSettings s -> n.put("username", s.username());
            case TokenSettings s -> { }
            case CustomSettings s -> { }
        }
        return n;
    }

    /** The members whose values differ, plus the secret's member when the secret changed. */
    static List<String> changed(ObjectNode before, ObjectNode after, SecretChange secret, String secretMember) {
        List<String> out = new ArrayList<>();
        after.fieldNames().forEachRemaining(f -> {
            if (!after.get(f).equals(before.get(f))) {
                out.add(f);
            }
        });
        if (!(secret instanceof SecretChange.Keep)) {
            out.add(secretMember);
        }
        return out;
    }
}
