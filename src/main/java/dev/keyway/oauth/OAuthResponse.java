package dev.keyway.oauth;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What came back, as raw as possible. {@code contentType} is nullable (the header may be missing); {@code headers}
 * are the response's headers (names compared case-insensitively by {@link #header}), e.g. {@code Retry-After} and
 * {@code Location}. Immutable (the body is copied in and out); {@code toString()} prints neither body nor headers.
 */
public record OAuthResponse(int status, String contentType, byte[] body, Map<String, List<String>> headers) {

    public OAuthResponse {
        body = body == null ? new byte[0] : body.clone();
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /** A response without headers (other than its Content-Type). */
    public OAuthResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    byte[] bodyNoCopy() {
        return body;
    }

    /** The first value of a header, name compared case-insensitively. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OAuthResponse r && status == r.status && Objects.equals(contentType, r.contentType)
                && Arrays.equals(body, r.body) && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, Arrays.hashCode(body), headers);
    }

    @Override
    public String toString() {
        return "OAuthResponse[status=" + status + ", contentType=" + contentType + ", body=" + body.length + " bytes]";
    }
}
