package dev.keyway.oauth;

import java.net.URI;
import java.util.Locale;

/**
 * A token endpoint that answers 3xx: Keyway does not follow redirects there (the request carries the client's
 * credentials and a grant), so the configured token URL is wrong and retrying will not fix it. The refusal names
 * the status and only the origin of the {@code Location} (its path and query may carry anything).
 */
final class TokenUrlRedirect {

    private TokenUrlRedirect() {
    }

    static boolean is(int status) {
        return status >= 300 && status < 400;
    }

    static TokenResult.Refused refusal(OAuthResponse r) {
        return TokenResponses.refused(TokenResponses.INVALID_RESPONSE, "the token URL redirects (HTTP " + r.status() + ")"
                + target(r.header("Location").orElse(null)) + "; redirects are not followed: correct the token URL",
                r.status());
    }

    /** " to https://host[:port]", " within the same server" for a relative location, "" when there is none. */
    private static String target(String location) {
        if (location == null || location.isBlank()) {
            return "";
        }
        try {
            URI u = URI.create(location.strip());
            if (!u.isAbsolute()) {
                return " within the same server";
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                return " to a non-HTTP location";
            }
            return " to " + scheme + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return " to an unreadable location";
        }
    }
}
