package dev.keyway.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Why {@code invalid_client} may not mean a wrong secret: HTTP Basic sends the client ID and secret form-encoded
 * (RFC 6749 §2.3.1), and some servers compare what they receive without decoding it. Said only when that could be
 * the cause: Basic authentication, and an ID or secret that form-encoding changes ({@code + / = :} and the like).
 */
public final class BasicEncodingHint {
    private BasicEncodingHint() {
    }

    /** A sentence to add to the refusal's message, or "". */
    public static String after(TokenResult.Refused r, ClientAuth method, String clientId, String clientSecret) {
        if (!"invalid_client".equals(r.error()) || method != ClientAuth.CLIENT_SECRET_BASIC
                || (!changedByEncoding(clientId) && !changedByEncoding(clientSecret))) {
            return "";
        }
        return " The client ID or secret has characters that HTTP Basic sends form-encoded (RFC 6749 §2.3.1), which some "
                + "servers do not decode: if they are right, try clientAuthentication client_secret_post.";
    }

    static boolean changedByEncoding(String value) {
        return value != null && !URLEncoder.encode(value, StandardCharsets.UTF_8).equals(value);
    }
}
