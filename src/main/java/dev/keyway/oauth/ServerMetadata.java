package dev.keyway.oauth;

import java.net.URI;
import java.util.Objects;

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
 */
public record ServerMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI revocationEndpoint,
                             boolean issParameterSupported, URI parEndpoint, boolean parRequired, URI jwksUri) {
    public ServerMetadata {
        Objects.requireNonNull(issuer, "issuer");
    }

    /** Without PAR and keys. */
    public ServerMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI revocationEndpoint,
                          boolean issParameterSupported) {
        this(issuer, authorizationEndpoint, tokenEndpoint, revocationEndpoint, issParameterSupported, null, false, null);
    }
}
