package dev.keyway.apicall;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One API call as the caller asked for it, validated. Header values and the body may hold secrets:
 * {@link #toString()} prints the method and whether a body is present only.
 *
 * @param url absolute, or a path relative to the connection's allowed URL (checked when the connection is known)
 * @param query extra query parameters, in order, appended to the URL's own
 * @param body the encoded body, or null
 * @param timeout the whole call's time limit, or null for Keyway's default
 */
public record CallRequest(String method, String url, List<Map.Entry<String, String>> query,
                          Map<String, List<String>> headers, byte[] body, Duration timeout, boolean followRedirects) {
    public CallRequest {
        query = List.copyOf(query);
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "CallRequest[" + method + (body == null ? "" : ", with body") + "]";
    }
}
