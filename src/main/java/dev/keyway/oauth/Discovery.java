package dev.keyway.oauth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Authorization server metadata from an issuer identifier: where to ask ({@link #metadataUrls}), how
 * ({@link #request}) and what the answer means ({@link #parse}). Sends nothing.
 */
public final class Discovery {
    static final int MAX_BYTES = 256 * 1024;

    private Discovery() {
    }

    /**
     * The OpenID Connect location ({@code {issuer}/.well-known/openid-configuration}) first, then the RFC 8414 §3.1
     * one ({@code /.well-known/oauth-authorization-server} inserted between the host and the issuer's path).
     *
     * @throws IllegalArgumentException if the issuer is not an absolute http(s) URL without query and fragment
     */
    public static List<URI> metadataUrls(String issuer) {
        URI u;
        try {
            u = new URI(issuer);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the issuer is not a URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase();
        if (!u.isAbsolute() || u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("the issuer must be an http(s) URL without query or fragment (RFC 8414 §2)");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String origin = scheme + "://" + u.getRawAuthority();
        return List.of(URI.create(origin + trimmed + "/.well-known/openid-configuration"),
                URI.create(origin + "/.well-known/oauth-authorization-server" + trimmed));
    }

    /** A GET for one metadata URL. */
    public static OAuthRequest request(URI metadataUrl) {
        return new OAuthRequest("GET", metadataUrl, Map.of("Accept", List.of("application/json")), null);
    }

    /**
     * The metadata in a 200 answer, whose {@code issuer} must equal the expected one exactly (RFC 8414 §3.3,
     * OpenID Connect Discovery §4.3).
     */
    public static ServerMetadata parse(String expectedIssuer, OAuthResponse r) throws DiscoveryException {
        if (r.status() != 200) {
            throw new DiscoveryException(DiscoveryException.FAILED, "the metadata URL answered HTTP " + r.status());
        }
        if (r.bodyNoCopy().length > MAX_BYTES) {
            throw new DiscoveryException(DiscoveryException.FAILED, "the metadata is larger than " + MAX_BYTES + " bytes");
        }
        AuthorizationServerMetadata m;
        try {
            m = AuthorizationServerMetadata.parse(new String(r.bodyNoCopy(), StandardCharsets.UTF_8));
        } catch (ParseException | RuntimeException e) {
            throw new DiscoveryException(DiscoveryException.FAILED,
                    "the metadata is not valid authorization server metadata: " + Sanitizer.text(e.getMessage()));
        }
        String issuer = m.getIssuer().getValue();
        if (!issuer.equals(expectedIssuer)) {
            throw new DiscoveryException(DiscoveryException.ISSUER_MISMATCH,
                    "the metadata names the issuer " + Sanitizer.text(issuer) + ", not " + expectedIssuer);
        }
        return new ServerMetadata(issuer, m.getAuthorizationEndpointURI(), m.getTokenEndpointURI(),
                m.getRevocationEndpointURI(), m.supportsAuthorizationResponseIssuerParam(),
                m.getPushedAuthorizationRequestEndpointURI(), m.requiresPushedAuthorizationRequests(), m.getJWKSetURI(),
                m.getTokenEndpointAuthMethods() == null ? List.of()
                        : m.getTokenEndpointAuthMethods().stream().map(x -> x.getValue()).toList());
    }
}
