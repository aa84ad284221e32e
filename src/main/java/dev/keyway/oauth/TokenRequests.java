package dev.keyway.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared plumbing: Nimbus client authentication, token requests, and conversion to {@link OAuthRequest}. */
final class TokenRequests {

    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    static final String JSON = "application/json";

    private TokenRequests() {
    }

    /** A token request for the grant, with the client's authentication and extra token parameters. */
    static OAuthRequest token(ClientSettings c, AuthorizationGrant grant) {
        return token(c, grant, null);
    }

    /** The same, asking for {@code scope} (null: no scope parameter). */
    static OAuthRequest token(ClientSettings c, AuthorizationGrant grant, Scope scope) {
        return token(c, grant, scope, List.of());
    }

    /** The same, with RFC 8707 resource indicators (one {@code resource} parameter each). */
    static OAuthRequest token(ClientSettings c, AuthorizationGrant grant, Scope scope, List<URI> resources) {
        ClientAuthentication auth = authentication(c);
        TokenRequest.Builder b = auth == null
                ? new TokenRequest.Builder(c.tokenUrl(), new ClientID(c.clientId()), grant)
                : new TokenRequest.Builder(c.tokenUrl(), auth, grant);
        if (scope != null) {
            b.scope(scope);
        }
        if (resources != null && !resources.isEmpty()) {
            b.resources(Resources.array(Resources.checked(resources)));
        }
        c.extraTokenParams().forEach((name, value) -> b.customParameter(name, value));
        return convert(b.build().toHTTPRequest());
    }

    /** Nimbus client authentication, or null for a public client (then {@code client_id} goes into the body). */
    static ClientAuthentication authentication(ClientSettings c) {
        return switch (c.auth()) {
            case CLIENT_SECRET_BASIC -> new ClientSecretBasic(new ClientID(c.clientId()), new Secret(c.clientSecret()));
            case CLIENT_SECRET_POST -> new ClientSecretPost(new ClientID(c.clientId()), new Secret(c.clientSecret()));
            case NONE -> null;
        };
    }

    /** Nimbus request → {@link OAuthRequest}: form body, explicit Content-Type, {@code Accept: application/json}. */
    static OAuthRequest convert(HTTPRequest h) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        h.getHeaderMap().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Accept")) {
                headers.put(name, List.copyOf(values));
            }
        });
        headers.put("Content-Type", List.of(FORM));
        headers.put("Accept", List.of(JSON));
        String body = h.getBody() == null ? "" : h.getBody();
        return new OAuthRequest(h.getMethod().name(), h.getURI(), headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
