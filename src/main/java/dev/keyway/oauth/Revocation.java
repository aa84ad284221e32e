package dev.keyway.oauth;

import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import net.minidev.json.JSONObject;

/** RFC 7009 token revocation. The client's extra token parameters are not sent here. */
public final class Revocation {

    private Revocation() {
    }

    /**
     * @param tokenTypeHint {@code refresh_token}, {@code access_token}, or null for no hint
     * @throws IllegalArgumentException for a blank token or another hint
     */
    public static OAuthRequest request(ClientSettings c, URI revocationUrl, String token, String tokenTypeHint) {
        Objects.requireNonNull(revocationUrl, "revocationUrl");
        ClientSettings.requireText(token, "token");
        Token t = switch (tokenTypeHint == null ? "" : tokenTypeHint) {
            case "refresh_token" -> new RefreshToken(token);
            case "access_token" -> new TypelessAccessToken(token);
            case "" -> new HintlessToken(token);
            default -> throw new IllegalArgumentException("unsupported token_type_hint " + tokenTypeHint);
        };
        ClientAuthentication auth = TokenRequests.authentication(c);
        TokenRevocationRequest request = auth == null
                ? new TokenRevocationRequest(revocationUrl, new ClientID(c.clientId()), t)
                : new TokenRevocationRequest(revocationUrl, auth, t);
        return TokenRequests.convert(request.toHTTPRequest());
    }

    /**
     * RFC 7009 §2.2: 200 means revoked, or the token was already invalid; any body. Other 2xx (204 is seen in the
     * wild) are accepted too. Everything else, including 503 ("retry later", §2.2.1), is false.
     */
    public static boolean succeeded(OAuthResponse r) {
        return r.status() >= 200 && r.status() < 300;
    }

    /** A token Nimbus sends without {@code token_type_hint}. */
    private static final class HintlessToken extends Token {
        private static final long serialVersionUID = 1L;

        HintlessToken(String value) {
            super(value);
        }

        @Override
        public Set<String> getParameterNames() {
            return Set.of();
        }

        @Override
        public JSONObject toJSONObject() {
            return new JSONObject();
        }
    }
}
