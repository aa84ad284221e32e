package dev.keyway.connection;

import java.util.List;

/** Arbitrary headers: their names here, their values (the secret) sealed apart as one JSON object. */
public record CustomSettings(List<String> headerNames, Access access) implements ConnectionSettings {
    public CustomSettings {
        headerNames = List.copyOf(headerNames);
        access = access == null ? Access.none() : access;
    }

    @Override
    public String type() {
        return "custom";
    }
}
