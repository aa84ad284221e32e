package dev.keyway.apicall;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A request to the proxy as it arrived. Header values and the body may hold secrets:
 * {@link #toString()} prints the method and path only.
 *
 * @param path the raw path after {@code /api/v1/proxy/{id}}, starting with "/" (or empty)
 * @param rawQuery the raw query string, or ""
 * @param body the request body as it arrives, or null when there is none
 * @param contentLength the declared length, or -1 (chunked)
 */
public record ProxyRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                           InputStream body, long contentLength) {
    @Override
    public String toString() {
        return "ProxyRequest[" + method + " " + path + "]";
    }
}
