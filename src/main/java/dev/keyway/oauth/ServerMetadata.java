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
 */
public record ServerMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI revocationEndpoint,
                             boolean issParameterSupported) {
    public ServerMetadata {
        Objects.requireNonNull(issuer, "issuer");
    }
}
