package dev.keyway.oauth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Tolerant token-response parsing (RFC 6749 §5.1/§5.2 and what providers actually send).
 *
 * <ul>
 * <li>Body: a JSON object or an {@code application/x-www-form-urlencoded} form (GitHub), sniffed from the body
 *     whatever the Content-Type says (missing, {@code text/plain}, wrong).</li>
 * <li>An {@code error} member means refusal even with HTTP 200 (GitHub, Casdoor, Slack). A 2xx without
 *     {@code access_token} is {@code invalid_token_response}, TRANSIENT: a garbled answer is no proof the grant
 *     is dead. A body that is neither JSON nor form is {@code server_error} (5xx) or {@code invalid_token_response}
 *     (else); its description is a sanitized excerpt. The failure follows {@link Failures#classify}.</li>
 * <li>{@code token_type}: missing → {@code Bearer}; {@code bearer}, {@code BEARER}, {@code BearerToken} →
 *     {@code Bearer}; {@code dpop} → {@code DPoP}; others kept as sent. Token types are case-insensitive
 *     (RFC 6749 §5.1), so one canonical spelling loses nothing and is safe to put in an Authorization header.</li>
 * <li>{@code expires_in}: number or string ({@code "3599"}, {@code "3599.0"}, fractions floored); missing,
 *     unreadable, zero or negative → unknown ({@code expiresAt} null, i.e. refresh on 401 only); then absolute
 *     {@code expires_at} in epoch seconds (milliseconds if implausibly large) or ISO-8601.</li>
 * <li>{@code scope}: split on spaces and commas ({@code "read, write"} is two scopes); a JSON array is accepted;
 *     absent → null.</li>
 * <li>A 3xx is refused as NEEDS_RECONNECT whatever its body: redirects are not followed, the token URL is wrong
 *     ({@link TokenUrlRedirect}).</li>
 * <li>A refusal carries the server's {@code Retry-After} (seconds or an HTTP date, measured from {@code now}).</li>
 * <li>Every other member is kept in {@link TokenSet#extra()} (e.g. {@code instance_url}, {@code id_token}).</li>
 * </ul>
 * Nothing token-looking is ever copied into a description.
 */
public final class TokenResponses {

    static final String INVALID_RESPONSE = "invalid_token_response";
    private static final Set<String> CONSUMED = Set.of("access_token", "token_type", "expires_in", "expires_at",
            "refresh_token", "scope");
    private static final Set<String> SECRET = Set.of("access_token", "refresh_token", "id_token");

    private TokenResponses() {
    }

    public static TokenResult parse(OAuthResponse r, Instant now) {
        return parse(r, now, TokenResponseSettings.standard());
    }

    /**
     * @param accessTokenPath nullable; a dotted path for providers that nest the token (Slack user tokens:
     *                        {@code authed_user.access_token}). The members next to it ({@code token_type},
     *                        {@code expires_in}, {@code refresh_token}, {@code scope}) win over top-level ones; the
     *                        top-level {@code access_token} is used when the path finds nothing.
     */
    public static TokenResult parse(OAuthResponse r, Instant now, String accessTokenPath) {
        return parse(r, now, new TokenResponseSettings(accessTokenPath, null, null));
    }

    /**
     * With a server's quirks: a nested access token ({@link TokenResponseSettings#accessTokenPath()}, as above),
     * {@code expires_in} in milliseconds, a lifetime assumed when the response gives none.
     */
    public static TokenResult parse(OAuthResponse r, Instant now, TokenResponseSettings quirks) {
        Objects.requireNonNull(r, "response");
        Objects.requireNonNull(now, "now");
        TokenResult result = TokenUrlRedirect.is(r.status()) ? TokenUrlRedirect.refusal(r) : parseBody(r, now, quirks);
        Duration wait = RetryAfter.parse(r.header("Retry-After").orElse(null), now);
        return result instanceof TokenResult.Refused refused && wait != null ? refused.withRetryAfter(wait) : result;
    }

    private static TokenResult parseBody(OAuthResponse r, Instant now, TokenResponseSettings quirks) {
        int status = r.status();
        String body = new String(r.bodyNoCopy(), StandardCharsets.UTF_8);
        Map<String, Object> top = ResponseBodies.parse(r.contentType(), body);
        if (top == null) {
            String error = status >= 500 ? "server_error" : INVALID_RESPONSE;
            String excerpt = Sanitizer.excerpt(body);
            return refused(error, "unreadable token response" + (excerpt == null ? "" : ": " + excerpt), status);
        }
        TokenResult refusal = OAuthErrors.refusal(top, status);
        if (refusal != null) {
            return refusal;
        }
        TokenResponseSettings q = quirks == null ? TokenResponseSettings.standard() : quirks;
        return issued(top, now, q, status);
    }

    private static TokenResult issued(Map<String, Object> top, Instant now, TokenResponseSettings q, int status) {
        String path = q.accessTokenPath();
        Map<String, Object> holder = path == null ? null : holder(top, path);
        String tokenName = path == null ? null : path.substring(path.lastIndexOf('.') + 1);
        Map<String, Object> m = new LinkedHashMap<>(top);
        String accessToken;
        if (holder != null && TokenMembers.text(holder, tokenName) != null) {
            accessToken = TokenMembers.text(holder, tokenName);
            holder.forEach((name, value) -> {
                if (CONSUMED.contains(name) && value != null) {
                    m.put(name, value);
                }
            });
        } else {
            accessToken = TokenMembers.text(top, "access_token");
        }
        if (accessToken == null) {
            return refused(INVALID_RESPONSE, "token response has no access_token (members: "
                    + String.join(", ", top.keySet()) + ")", status);
        }
        Map<String, Object> extra = new LinkedHashMap<>(top);
        extra.keySet().removeAll(CONSUMED);
        if (holder != null && holder != top) {
            String root = path.substring(0, path.indexOf('.'));
            extra.put(root, scrub(top.get(root), tokenName));
        } else if (holder != null) {
            extra.remove(tokenName);
        }
        return new TokenResult.Issued(new TokenSet(accessToken, TokenMembers.tokenType(m.get("token_type")),
                expiresAt(m, now, q),
                TokenMembers.text(m, "refresh_token"), TokenMembers.scopes(m.get("scope")), extra));
    }

    private static Instant expiresAt(Map<String, Object> m, Instant now, TokenResponseSettings q) {
        Object expiresIn = m.get("expires_in");
        if (q.expiresInUnit().equals(TokenResponseSettings.MILLISECONDS)) {
            expiresIn = TokenMembers.millisToSeconds(expiresIn);
        }
        Instant at = TokenMembers.expiresAt(expiresIn, m.get("expires_at"), now);
        return at == null && q.defaultExpiresInSeconds() != null ? now.plusSeconds(q.defaultExpiresInSeconds()) : at;
    }

    /** A copy of a nested value without token members, so the nested token never lands in {@code extra}. */
    private static Object scrub(Object value, String tokenName) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!SECRET.contains(k) && !tokenName.equals(k)) {
                    copy.put(k, scrub(v, tokenName));
                }
            });
            return copy;
        }
        return value instanceof List<?> list ? list.stream().map(v -> scrub(v, tokenName)).toList() : value;
    }

    /** The object holding the last path segment, or null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> holder(Map<String, Object> top, String path) {
        Map<String, Object> current = top;
        String[] segments = path.split("\\.");
        for (int i = 0; i < segments.length - 1; i++) {
            if (!(current.get(segments[i]) instanceof Map<?, ?> next)) {
                return null;
            }
            current = (Map<String, Object>) next;
        }
        return current;
    }

    static TokenResult.Refused refused(String error, String description, int status) {
        return new TokenResult.Refused(error, description, status, Failures.classify(error, status));
    }
}
