package dev.keyway.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 9126 pushed authorization requests: the authorization parameters (state, PKCE challenge, redirect URI, scope,
 * nonce, resources, extra parameters) are POSTed, with the client's authentication as at the token endpoint, and the
 * browser only carries {@code client_id} and the {@code request_uri} the server answered
 * ({@link AuthorizationUrl#pushed}). Sends nothing.
 */
public final class PushedAuthorization {

    private PushedAuthorization() {
    }

    /** What the PAR endpoint answered. */
    public sealed interface Result {
        /** RFC 9126 §2.2: the reference to use once, and its lifetime in seconds (0 when not said). */
        record Pushed(URI requestUri, long expiresIn) implements Result { }

        /** RFC 9126 §2.3, or an answer that could not be understood; the description is sanitized. */
        record Refused(String error, String description, int httpStatus) implements Result {
            public Refused {
                Objects.requireNonNull(error, "error");
                description = Sanitizer.text(description);
            }
        }
    }

    /** The POST to {@code parEndpoint}. */
    public static OAuthRequest request(ClientSettings c, URI parEndpoint, AuthorizationSettings s, String state,
                                       Pkce pkce, String nonce) {
        Objects.requireNonNull(parEndpoint, "parEndpoint");
        AuthorizationRequest authz = AuthorizationUrl.request(s, state, pkce, nonce);
        ClientAuthentication auth = TokenRequests.authentication(c);
        PushedAuthorizationRequest par = auth == null ? new PushedAuthorizationRequest(parEndpoint, authz)
                : new PushedAuthorizationRequest(parEndpoint, auth, authz);
        return TokenRequests.convert(par.toHTTPRequest());
    }

    /** 200 or 201 with a {@code request_uri} is success (some servers say 200); anything else a refusal. */
    public static Result parse(OAuthResponse r) {
        String body = new String(r.bodyNoCopy(), StandardCharsets.UTF_8);
        Map<String, Object> m = ResponseBodies.parse(r.contentType(), body);
        if (m == null) {
            String excerpt = Sanitizer.excerpt(body);
            return new Result.Refused(r.status() >= 500 ? "server_error" : TokenResponses.INVALID_RESPONSE,
                    "unreadable answer (HTTP " + r.status() + ")" + (excerpt == null ? "" : ": " + excerpt), r.status());
        }
        TokenResult.Refused refused = OAuthErrors.refusal(m, r.status());
        if (refused != null) {
            return new Result.Refused(refused.error(), refused.description(), r.status());
        }
        String requestUri = TokenMembers.text(m, "request_uri");
        if (requestUri == null) {
            return new Result.Refused(TokenResponses.INVALID_RESPONSE, "the answer has no request_uri", r.status());
        }
        try {
            URI uri = new URI(requestUri);
            if (!uri.isAbsolute()) {
                throw new URISyntaxException(requestUri, "not absolute");
            }
            Object lifetime = m.get("expires_in");
            return new Result.Pushed(uri, lifetime instanceof Number n ? n.longValue() : 0);
        } catch (URISyntaxException e) {
            return new Result.Refused(TokenResponses.INVALID_RESPONSE, "the request_uri is not an absolute URI", r.status());
        }
    }
}
