package dev.keyway.connect;

import dev.keyway.connection.ConnectionId;
import java.time.Instant;

/** One Connect in flight. Holds hashes of the one-time values, never the values themselves (the PKCE verifier and the OpenID Connect nonce are sealed). */
record ConnectAttempt(String id, ConnectionId connection, String stateHash, String browserHash, byte[] sealedVerifier,
                      String returnUrl, Instant expiresAt, Instant openedAt, Instant usedAt, byte[] sealedNonce) {
    @Override
    public String toString() {
        return "ConnectAttempt[" + id + ", " + connection + ", expiresAt=" + expiresAt + "]";
    }
}
