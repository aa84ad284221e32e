package dev.keyway.provider;

import java.util.List;
import java.util.Map;

/**
 * A preset for a known service, read from {@code providers.yaml}: the members of an OAuth2 connection it fills in.
 * URLs are templates: {@code {name}} stands for a per-connection {@link Variable}. See providers.schema.json.
 *
 * @param pkce             supported, required, not_documented (sent anyway) or not_supported (off)
 * @param tokenResponse    nullable; accessTokenPath, expiresInUnit, defaultExpiresInSeconds
 * @param revocationUrl    nullable (no RFC 7009 endpoint)
 * @param issuer           nullable (no OpenID Connect / RFC 8414 discovery)
 * @param apiBaseUrl       nullable; becomes the connection's allowed URL
 */
public record Provider(String id, String name, List<String> docs, List<Variable> variables, String authorizationUrl,
                       String tokenUrl, String revocationUrl, String issuer, List<String> scopes,
                       List<String> knownScopes, String scopeSeparator, String clientAuthentication, String pkce,
                       Map<String, String> authorizationParams, Map<String, String> tokenParams,
                       Map<String, Object> tokenResponse, List<Integer> tokenExpiredStatuses, String apiBaseUrl,
                       String notes) {

    public Provider {
        docs = docs == null ? List.of() : List.copyOf(docs);
        variables = variables == null ? List.of() : List.copyOf(variables);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        knownScopes = knownScopes == null ? List.of() : List.copyOf(knownScopes);
        authorizationParams = authorizationParams == null ? Map.of() : Map.copyOf(authorizationParams);
        tokenParams = tokenParams == null ? Map.of() : Map.copyOf(tokenParams);
        tokenResponse = tokenResponse == null ? Map.of() : Map.copyOf(tokenResponse);
        tokenExpiredStatuses = tokenExpiredStatuses == null ? List.of() : List.copyOf(tokenExpiredStatuses);
    }

    /** The URL templates of this preset by connection member, in a stable order (absent ones left out). */
    public Map<String, String> urlTemplates() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        put(out, "authorizationUrl", authorizationUrl);
        put(out, "tokenUrl", tokenUrl);
        put(out, "revocationUrl", revocationUrl);
        put(out, "issuer", issuer);
        put(out, "allowedUrl", apiBaseUrl);
        return out;
    }

    /** Whether Keyway sends PKCE for this preset. */
    public boolean pkceOn() {
        return !"not_supported".equals(pkce);
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
