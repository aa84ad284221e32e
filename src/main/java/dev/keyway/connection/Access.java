package dev.keyway.connection;

import java.net.URI;
import java.util.List;

/**
 * How a connection's credentials may be used, whatever its type: only on requests under
 * {@code allowedUrl} (scheme, host, port and path prefix; also the base that relative paths resolve
 * against), placed as {@code placement} says, and which answers mean "token expired" (refresh once, retry once).
 */
public record Access(URI allowedUrl, Placement placement, List<Integer> tokenExpiredStatuses) {
    public static final List<Integer> DEFAULT_EXPIRED = List.of(401);

    public Access {
        placement = placement == null ? Placement.BEARER : placement;
        tokenExpiredStatuses = tokenExpiredStatuses == null || tokenExpiredStatuses.isEmpty()
                ? DEFAULT_EXPIRED : List.copyOf(tokenExpiredStatuses);
    }

    public static Access none() {
        return new Access(null, Placement.BEARER, DEFAULT_EXPIRED);
    }

    /** Where a token goes: a header (with an optional scheme such as "Bearer") or a query parameter. */
    public record Placement(String in, String name, String scheme) {
        public static final Placement BEARER = new Placement("header", "Authorization", "Bearer");

        public boolean inQuery() {
            return "query".equals(in);
        }
    }
}
