package dev.keyway.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the JSON body of a connection; defaults point at an {@link AuthServer}. */
public final class Connections {
    private final Map<String, Object> body = new LinkedHashMap<>();

    private Connections() {
    }

    public static Connections against(AuthServer as) {
        Connections c = new Connections();
        c.body.put("type", "oauth2");
        c.body.put("name", "CRM " + System.nanoTime());
        c.body.put("description", "test connection");
        c.body.put("clientId", "keyway-client");
        c.body.put("clientSecret", "s3cret-client-value");
        c.body.put("authorizationUrl", as.authorizationUrl());
        c.body.put("tokenUrl", as.tokenUrl());
        c.body.put("scopes", List.of("openid", "crm.read"));
        return c;
    }

    /** An OAuth2 connection whose endpoints are discovered from {@code issuer}; client par-client / par-secret. */
    public static Connections fromIssuer(String issuer) {
        Connections c = new Connections();
        c.body.put("type", "oauth2");
        c.body.put("name", "Discovered " + System.nanoTime());
        c.body.put("clientId", "par-client");
        c.body.put("clientSecret", "par-secret");
        c.body.put("issuer", issuer);
        c.body.put("scopes", List.of("crm.read"));
        return c;
    }

    public Connections with(String field, Object value) {
        body.put(field, value);
        return this;
    }

    public Connections without(String field) {
        body.remove(field);
        return this;
    }

    public Map<String, Object> body() {
        return body;
    }
}
