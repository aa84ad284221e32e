package dev.keyway.oauth;

/** The metadata of an issuer could not be used; {@link #code()} is {@code discovery_failed} or {@code issuer_mismatch}. */
public final class DiscoveryException extends Exception {
    public static final String FAILED = "discovery_failed";
    public static final String ISSUER_MISMATCH = "issuer_mismatch";

    private final String code;

    public DiscoveryException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
