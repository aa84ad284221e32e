package dev.keyway.egress;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A response whose body has not been read: the caller streams {@link #body()} and must close this
 * (which releases the connection). Headers are keyed by lower-case name. No size cap applies to the
 * body; each read waits at most the request's timeout.
 */
public record StreamedResponse(int status, Map<String, List<String>> headers, InputStream body) implements AutoCloseable {

    public StreamedResponse {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, case-insensitive. */
    public Optional<String> header(String name) {
        return Headers.first(headers, name);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }

    @Override
    public String toString() {
        return "StreamedResponse[" + status + "]";
    }
}
