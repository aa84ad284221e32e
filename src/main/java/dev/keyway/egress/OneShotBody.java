package dev.keyway.egress;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A request body that OkHttp must not send twice. The client retries a request that failed on a pooled connection
 * the service had closed (after a long idle), but a request with a body only when nothing of it was sent: a token
 * request, whose refresh token may rotate, or a hook's batch is never repeated by the client itself.
 */
final class OneShotBody extends RequestBody {
    private final byte[] bytes;
    private final MediaType type;

    OneShotBody(byte[] bytes, MediaType type) {
        this.bytes = bytes;
        this.type = type;
    }

    @Override
    public MediaType contentType() {
        return type;
    }

    @Override
    public long contentLength() {
        return bytes.length;
    }

    @Override
    public boolean isOneShot() {
        return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        sink.write(bytes);
    }
}
