package dev.keyway.apicall;

import dev.keyway.account.AccountId;
import dev.keyway.connection.Connection;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.egress.ParsedUrls;
import dev.keyway.problem.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Where a connection's credentials may go: only to URLs under its {@code allowedUrl} — same scheme,
 * host (case-insensitive), effective port, and a path on a segment boundary below the allowed path
 * ({@code /v1} allows {@code /v1} and {@code /v1/x}, not {@code /v10}). A relative URL is a path
 * appended to the allowed URL. Dot segments are resolved before the check; encoded ones
 * ({@code %2e%2e}, {@code %2f}, {@code %5c}, double-encoded forms) and {@code ..;} are refused,
 * because servers disagree on what they mean. The check runs on both java.net.URI's reading and
 * OkHttp's (the client that sends the request), and both must agree.
 */
public final class AllowedUrls {
    private static final Pattern ABSOLUTE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern DOUBLE_ENCODED = Pattern.compile("(?i)%25(2e|2f|5c|00)");

    private AllowedUrls() {
    }

    /**
     * For settings that send to {@code url} with a connection's credentials (a hook, a feed import): the connection
     * must be the account's (else 400 {@code unknown_connection} on {@code connectionId}) and the URL under its
     * allowedUrl (else 400 on {@code url}). A null connection is fine: nothing is sent with credentials.
     */
    public static void checkUsable(ConnectionRepository connections, AccountId account, ConnectionId connection, URI url) {
        if (connection == null) {
            return;
        }
        Connection c = connections.find(account, connection).orElseThrow(() -> Problem.invalid("connectionId",
                "unknown_connection", "connectionId names no connection of this account"));
        resolve(c.settings().access().allowedUrl(), url.toString(), "url");
    }

    /** The absolute URL {@code url} denotes under {@code allowedUrl}, or a 400 naming {@code field}. */
    public static URI resolve(URI allowedUrl, String url, String field) {
        if (allowedUrl == null) {
            throw Problem.invalid("allowedUrl", "allowed_url_missing",
                    "this connection has no allowedUrl: set one before using it to call a service");
        }
        if (url == null || url.isEmpty() || url.length() > 8000) {
            throw Problem.invalid(field, "invalid_url", field + " must be a URL or a path of 1 to 8000 characters");
        }
        if (url.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == '\\')) {
            throw Problem.invalid(field, "invalid_url", field + " must not contain spaces, control characters, "
                    + "backslashes or non-ASCII characters (percent-encode them)");
        }
        URI uri = parse(ABSOLUTE.matcher(url).find() ? url : join(allowedUrl, url, field), field);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw Problem.invalid(field, "invalid_url", field + " must be an http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw Problem.invalid(field, "invalid_url", field + " must not have user info or a fragment");
        }
        PathSegments.refuseAmbiguous(uri.getRawPath(), field);
        if (DOUBLE_ENCODED.matcher(uri.getRawPath()).find()) {
            throw notAllowed(field, "double-encoded separators are refused");
        }
        URI normal = uri.normalize();
        if (!under(allowedUrl, normal) || !underAsSent(allowedUrl, normal)) {
            throw notAllowed(field, "it is not under the connection's allowedUrl " + allowedUrl);
        }
        return normal;
    }

    private static String join(URI allowedUrl, String relative, String field) {
        if (relative.startsWith("//")) {
            throw notAllowed(field, "a relative URL must be a path, not //host");
        }
        String base = allowedUrl.toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (relative.startsWith("?")) {
            return base + relative;
        }
        return base + "/" + (relative.startsWith("/") ? relative.substring(1) : relative);
    }

    private static URI parse(String s, String field) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw Problem.invalid(field, "invalid_url", field + " is not a valid URL");
        }
    }

    private static boolean under(URI allowed, URI candidate) {
        return allowed.getScheme().equalsIgnoreCase(candidate.getScheme())
                && allowed.getHost().equalsIgnoreCase(candidate.getHost())
                && port(allowed) == port(candidate)
                && pathUnder(allowed.getRawPath(), candidate.getRawPath());
    }

    /** The same check on OkHttp's reading of both URLs: what the egress client will actually dial and send. */
    private static boolean underAsSent(URI allowed, URI candidate) {
        HttpUrl a = ParsedUrls.parse(allowed.toString()); // remembered: IDN parsing is a good part of the proxy's cost
        HttpUrl c = ParsedUrls.parse(candidate.toString());
        return a != null && c != null && a.scheme().equals(c.scheme()) && a.host().equalsIgnoreCase(c.host())
                && a.port() == c.port() && pathUnder(a.encodedPath(), c.encodedPath());
    }

    static boolean pathUnder(String allowedPath, String path) {
        String prefix = allowedPath == null ? "" : allowedPath;
        prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        String p = path == null || path.isEmpty() ? "/" : path;
        return prefix.isEmpty() || p.equals(prefix) || p.startsWith(prefix + "/");
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static Problem notAllowed(String field, String why) {
        return Problem.invalid(field, "url_not_allowed", "the connection's credentials cannot be sent to this URL: " + why);
    }
}
