package dev.keyway.oauth;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Keyway keeps from an authorization server's metadata (RFC 8414, OpenID Connect Discovery 1.0).
 *
 * @param authorizationEndpoint nullable (a server for the client credentials grant only may have none)
 * @param tokenEndpoint         nullable (an implicit-only server; the connection then needs an explicit token URL)
 * @param revocationEndpoint    nullable
 * @param issParameterSupported {@code authorization_response_iss_parameter_supported} (RFC 9207 §3)
 * @param parEndpoint           nullable: {@code pushed_authorization_request_endpoint} (RFC 9126 §5)
 * @param parRequired           {@code require_pushed_authorization_requests} (RFC 9126 §5)
 * @param jwksUri               nullable: {@code jwks_uri}, the keys that sign ID tokens
 * @param authMethods           {@code token_endpoint_auth_methods_supported} as the server names them; empty when
 *                              the metadata does not say (RFC 8414 §2: then client_secret_basic)
 */
public record ServerMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI revocationEndpoint,
                             boolean issParameterSupported, URI parEndpoint, boolean parRequired, URI jwksUri,
                             List<String> authMethods) {
    public ServerMetadata {
        Objects.requireNonNull(issuer, "issuer");
        authMethods = authMethods == null ? List.of() : List.copyOf(authMethods);
    }

    /**
     * The client authentication a connection without an explicit choice uses at this server: the first of
     * client_secret_basic, client_secret_post, private_key_jwt, none that it supports (the secret-based ones only
     * when the connection has a secret); empty when the metadata names none of them (or no methods at all).
     */
    public Optional<ClientAuth> preferredClientAuth(boolean secretSet) {
        return ClientAuth.preferred(authMethods, secretSet);
    }

    /** Without PAR and keys. */
    public ServerMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI revocationEndpoint,
                          boolean issParameterSupported) {
        this(issuer, authorizationEndpoint, tokenEndpoint, revocationEndpoint, issParameterSupported, null, false, null,
                List.of());
    }
}
