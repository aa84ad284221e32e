package dev.keyway.oauth;

import java.util.Arrays;
import java.util.Objects;

/**
 * What came back, as raw as possible. {@code contentType} is nullable (the header may be missing).
 * Immutable (the body is copied in and out); {@code toString()} never prints the body.
 */
public record OAuthResponse(int status, String contentType, byte[] body) {

    public OAuthResponse {
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    byte[] bodyNoCopy() {
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OAuthResponse r && status == r.status && Objects.equals(contentType, r.contentType)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "OAuthResponse[status=" + status + ", contentType=" + contentType + ", body=" + body.length + " bytes]";
    }
}
