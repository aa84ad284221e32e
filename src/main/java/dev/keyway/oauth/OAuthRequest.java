package dev.keyway.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request ready to send: what Keyway's egress client needs. Immutable (the body is copied in and out).
 * {@code toString()} prints method and URL only: body and headers may hold secrets.
 */
public record OAuthRequest(String method, URI url, Map<String, List<String>> headers, byte[] body) {

    public OAuthRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        }
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text (token requests send a form). */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header, name compared case-insensitively. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    /** This request with one more header (replacing one of the same name). */
    public OAuthRequest withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((n, v) -> {
            if (!n.equalsIgnoreCase(name)) {
                copy.put(n, v);
            }
        });
        copy.put(name, List.of(value));
        return new OAuthRequest(method, url, copy, body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OAuthRequest r && method.equals(r.method) && url.equals(r.url)
                && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, url, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "OAuthRequest[" + method + " " + url + "]";
    }
}
