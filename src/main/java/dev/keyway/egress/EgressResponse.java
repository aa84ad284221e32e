package dev.keyway.egress;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A complete response: the body has been read (within the policy's size cap). The body array is
 * not copied; treat it as read-only.
 *
 * @param headers header name to values, names matched case-insensitively by {@link #header}
 * @param finalUrl the URL of the last hop (after redirects)
 */
public record EgressResponse(int status, Map<String, List<String>> headers, byte[] body, URI finalUrl) {

    public EgressResponse {
        headers = headers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(finalUrl, "finalUrl");
    }

    /** The first value of a header, case-insensitive. */
    public Optional<String> header(String name) {
        return Headers.first(headers, name);
    }

    /** The Content-Type header, or null. */
    public String contentType() {
        return header("Content-Type").orElse(null);
    }

    @Override
    public String toString() {
        return "EgressResponse[" + status + " " + Urls.redacted(finalUrl) + ", " + body.length + " bytes]";
    }
}
