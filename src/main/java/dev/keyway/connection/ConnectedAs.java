package dev.keyway.connection;

/**
 * Who a connection was made as, from its validated OpenID Connect ID token: non-secret, shown to operators.
 * {@code email} and {@code name} are nullable (the server may not send them).
 */
public record ConnectedAs(String subject, String email, String name, String issuer) { }
