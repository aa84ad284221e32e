package dev.keyway.egress;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The request for the next hop of a redirect. */
final class Redirects {
    private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);
    /** Dropped when a hop leaves the original origin, with the request's own credential headers. */
    private static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie", "host");
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-length", "transfer-encoding");

    private Redirects() {}

    static boolean isRedirect(int status) {
        return STATUSES.contains(status);
    }

    /**
     * 303 (for anything but HEAD), and 301/302 after a POST, become a GET without body; 307/308
     * keep method and body. Leaving the original origin drops the credential headers, for good.
     */
    static EgressRequest next(EgressRequest current, int status, URI location, boolean leavesOrigin) {
        String method = current.method();
        boolean toGet = (status == 303 && !method.equals("HEAD") && !method.equals("GET"))
                || ((status == 301 || status == 302) && method.equals("POST"));
        Map<String, List<String>> headers = current.headers();
        if (toGet) {
            headers = Headers.without(headers, name -> BODY_HEADERS.contains(name.toLowerCase(Locale.ROOT)));
        }
        if (leavesOrigin) {
            headers = Headers.without(headers, name -> CREDENTIALS.contains(name.toLowerCase(Locale.ROOT))
                    || current.credentialHeaders().contains(name.toLowerCase(Locale.ROOT)));
        }
        return new EgressRequest(toGet ? "GET" : method, location, headers, toGet ? null : current.body(),
                current.timeout(), current.followRedirects(), current.credentialHeaders());
    }
}
