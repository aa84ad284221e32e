package dev.keyway.egress;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One outbound request. Header values and the body may hold secrets: {@link #toString()} prints
 * only the method and the URL without user info, query and fragment. The body array is not copied;
 * do not change it after handing it over.
 *
 * @param headers header name to values; names are matched case-insensitively
 * @param body the request body, or null
 * @param timeout whole-call timeout across all redirect hops, or null for the policy default
 * @param followRedirects follow 301/302/303/307/308 (re-checking each hop); false returns the 3xx
 * @param credentialHeaders lower-case names of headers, besides {@code Authorization},
 *     {@code Proxy-Authorization} and {@code Cookie}, that are dropped when a redirect leaves the origin
 */
public record EgressRequest(String method, URI url, Map<String, List<String>> headers, byte[] body,
        Duration timeout, boolean followRedirects, Set<String> credentialHeaders) {

    private static final Pattern METHOD = Pattern.compile("[A-Za-z]+");

    public EgressRequest {
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("not an HTTP method");
        }
        method = method.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(url, "url");
        headers = Headers.copy(headers);
        if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
            throw new IllegalArgumentException(method + " must not have a body");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        credentialHeaders = credentialHeaders.stream().map(n -> n.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    public EgressRequest(String method, URI url, Map<String, List<String>> headers, byte[] body,
            Duration timeout, boolean followRedirects) {
        this(method, url, headers, body, timeout, followRedirects, Set.of());
    }

    /** A GET that follows redirects. */
    public static EgressRequest get(URI url) {
        return new EgressRequest("GET", url, Map.of(), null, null, true);
    }

    /** A POST that does not follow redirects (a followed 307/308 would resend the body). */
    public static EgressRequest post(URI url, String contentType, byte[] body) {
        Map<String, List<String>> headers = contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType));
        return new EgressRequest("POST", url, headers, Objects.requireNonNull(body, "body"), null, false);
    }

    /** A copy with {@code name} set to {@code value}, replacing any values it had. */
    public EgressRequest withHeader(String name, String value) {
        return new EgressRequest(method, url, Headers.with(headers, name, value), body, timeout, followRedirects,
                credentialHeaders);
    }

    /** Like {@link #withHeader}, and the header is dropped when a redirect leaves the origin. */
    public EgressRequest withCredentialHeader(String name, String value) {
        Set<String> marked = Stream.concat(credentialHeaders.stream(), Stream.of(name)).collect(Collectors.toSet());
        return new EgressRequest(method, url, Headers.with(headers, name, value), body, timeout, followRedirects, marked);
    }

    public EgressRequest withTimeout(Duration timeout) {
        return new EgressRequest(method, url, headers, body, timeout, followRedirects, credentialHeaders);
    }

    public EgressRequest withFollowRedirects(boolean followRedirects) {
        return new EgressRequest(method, url, headers, body, timeout, followRedirects, credentialHeaders);
    }

    /** The first value of a header, case-insensitive. */
    public Optional<String> header(String name) {
        return Headers.first(headers, name);
    }

    @Override
    public String toString() {
        return "EgressRequest[" + method + " " + Urls.redacted(url) + "]";
    }
}
