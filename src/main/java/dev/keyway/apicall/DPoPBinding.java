package dev.keyway.apicall;

import dev.keyway.oauth.DPoPProofs;
import java.net.URI;

/**
 * A DPoP-bound access token and the key it is bound to (RFC 9449 §7): every request gets its own proof, with
 * {@code ath}. {@code toString()} prints no token.
 */
record DPoPBinding(DPoPProofs proofs, String accessToken) {

    String proof(String method, URI url) {
        return proofs.proof(method, url, accessToken);
    }

    /**
     * Remembers a nonce the resource server sent; true when its answer asks for the request again with this (new)
     * nonce (RFC 9449 §9: 401 with {@code use_dpop_nonce} and a {@code DPoP-Nonce} header).
     */
    boolean retryWithNonce(URI url, int status, String wwwAuthenticate, String nonce) {
        boolean fresh = proofs.remember(url, nonce);
        return fresh && DPoPProofs.asksForNonce(status, wwwAuthenticate, nonce);
    }

    @Override
    public String toString() {
        return "DPoPBinding[" + proofs + "]";
    }
}
