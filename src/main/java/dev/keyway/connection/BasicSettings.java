package dev.keyway.connection;

/** HTTP Basic authentication: the username; the password is the connection's sealed secret. */
public record BasicSettings(String username, Access access) implements ConnectionSettings {
    public BasicSettings {
        access = access == null ? Access.none() : access;
    }

    @Override
    public String type() {
        return "basic";
    }
}
