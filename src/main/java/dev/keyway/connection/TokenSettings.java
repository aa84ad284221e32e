package dev.keyway.connection;

/** A static token (e.g. a bearer token); the token is the connection's sealed secret. */
public record TokenSettings(Access access) implements ConnectionSettings {
    public TokenSettings {
        access = access == null ? Access.none() : access;
    }

    @Override
    public String type() {
        return "token";
    }
}
