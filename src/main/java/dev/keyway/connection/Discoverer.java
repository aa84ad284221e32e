package dev.keyway.connection;

import dev.keyway.oauth.ServerMetadata;

/** Reads an issuer's authorization server metadata (through the egress guard). */
public interface Discoverer {
    /**
     * @throws dev.keyway.problem.Problem 400 {@code discovery_failed} (unreachable, refused, not metadata) or
     *                                    {@code issuer_mismatch}, naming the {@code issuer} member
     */
    ServerMetadata discover(String issuer);

    /** No discovery: a connection must name its endpoints. */
    static Discoverer none() {
        return issuer -> {
            throw dev.keyway.problem.Problem.invalid("issuer", "discovery_failed", "discovery is not available here");
        };
    }
}
