package dev.keyway.oauth;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the authorization request needs.
 *
 * <p>{@code scopeSeparator} null or empty means a space (RFC 6749 §3.3); some providers want a comma.
 * {@code extraParams} (e.g. {@code access_type=offline}, {@code prompt=consent}) are appended to the authorization
 * URL; like a query already present in {@code authorizationUrl}, they may not name one of
 * {@link #RESERVED_PARAMS}: such settings are refused with {@link IllegalArgumentException} at construction.
 * {@code resources} are RFC 8707 resource indicators (absolute URIs without fragment), sent as {@code resource}.
 */
public record AuthorizationSettings(URI authorizationUrl, String clientId, URI redirectUri, List<String> scopes,
                                    String scopeSeparator, Map<String, String> extraParams, List<URI> resources) {

    /** Parameter names the authorization request sets itself. */
    public static final Set<String> RESERVED_PARAMS = Set.of("response_type", "client_id", "redirect_uri", "state",
            "scope", "code_challenge", "code_challenge_method");

    public AuthorizationSettings {
        Objects.requireNonNull(authorizationUrl, "authorizationUrl");
        ClientSettings.requireText(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        scopes = scopes == null ? List.of() : scopes.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        scopeSeparator = scopeSeparator == null || scopeSeparator.isEmpty() ? " " : scopeSeparator;
        extraParams = ClientSettings.checkedExtras(extraParams, RESERVED_PARAMS, "extra authorization parameter");
        String query = authorizationUrl.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (RESERVED_PARAMS.contains(Forms.nameOf(pair))) {
                    throw new IllegalArgumentException(
                            "authorization URL may not carry the reserved parameter " + Forms.nameOf(pair));
                }
            }
        }
        if (authorizationUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("authorization URL may not have a fragment (RFC 6749 §3.1)");
        }
        resources = Resources.checked(resources);
    }

    /** Without resource indicators. */
    public AuthorizationSettings(URI authorizationUrl, String clientId, URI redirectUri, List<String> scopes,
                                 String scopeSeparator, Map<String, String> extraParams) {
        this(authorizationUrl, clientId, redirectUri, scopes, scopeSeparator, extraParams, List.of());
    }
}
