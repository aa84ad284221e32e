package dev.keyway.connection;

/** The non-secret settings of a connection, one record per type. Secrets are stored apart, sealed. */
public sealed interface ConnectionSettings permits OAuth2Settings, BasicSettings, TokenSettings, CustomSettings {
    Access access();

    /** The type's name in the API and the database. */
    String type();

    static Class<? extends ConnectionSettings> classOf(String type) {
        return switch (type) {
            case "oauth2" -> OAuth2Settings.class;
            case "basic" -> BasicSettings.class;
            case "token" -> TokenSettings.class;
            case "custom" -> CustomSettings.class;
            default -> throw new IllegalArgumentException("unknown connection type " + type);
        };
    }
}
