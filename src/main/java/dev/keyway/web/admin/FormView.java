package dev.keyway.web.admin;

import dev.keyway.account.Session;
import java.util.Map;
import java.util.Set;

/**
 * The Create/Edit page. {@code id} is null for a new connection. {@code errorField}/{@code errorMessage}
 * come from the service's refusal: shown next to that field (or atop the form when no field is named).
 */
public record FormView(Session session, String id, Map<String, String> values, boolean secretSet,
                       String redirectUri, String errorField, String errorMessage, String notice, PresetPicker picker) {
    private static final Set<String> ADVANCED = Set.of("clientAuthentication", "pkce", "scopeSeparator",
            "authorizationParams", "tokenParams", "revocationUrl", "issuer", "credentialPlacement", "tokenExpiredStatuses",
            "dpop", "keyAlgorithm", "assertionAudience", "par", "parUrl", "jwksUrl", "resources", "tokenResponse",
            ProtocolFields.PATH, ProtocolFields.UNIT, ProtocolFields.LIFETIME);

    /** Without the preset picker (edit pages). */
    public FormView(Session session, String id, Map<String, String> values, boolean secretSet, String redirectUri,
                    String errorField, String errorMessage, String notice) {
        this(session, id, values, secretSet, redirectUri, errorField, errorMessage, notice, null);
    }

    /** The preset's variables as the form carries them on (hidden), name to value. */
    public Map<String, String> presetVariables() {
        Map<String, String> out = new java.util.TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(PresetForms.VARIABLE) && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    public boolean creating() {
        return id == null;
    }

    public String value(String field) {
        String v = values.get(field);
        return v == null ? "" : v;
    }

    public boolean checked(String field) {
        return !value(field).isEmpty();
    }

    public boolean selected(String field, String option) {
        return value(field).equals(option);
    }

    /** The error message of this field, or null. */
    public String error(String field) {
        return field.equals(errorField) ? errorMessage : null;
    }

    /** An error no field of the form shows. */
    public String formError() {
        return errorMessage != null && (errorField == null || !FormView.FIELDS.contains(errorField)) ? errorMessage : null;
    }

    public boolean advancedOpen() {
        return errorField != null && ADVANCED.contains(errorField);
    }

    public String action() {
        return creating() ? "/admin/connections" : "/admin/connections/" + id;
    }

    private static final Set<String> FIELDS = Set.of("name", "description", "clientId", "clientSecret",
            "authorizationUrl", "tokenUrl", "revocationUrl", "issuer", "scopes", "scopeSeparator",
            "clientAuthentication", "pkce", "authorizationParams", "tokenParams", "allowedUrl", "credentialPlacement",
            "tokenExpiredStatuses", "dpop", "keyAlgorithm", "assertionAudience", "par", "parUrl", "jwksUrl", "resources",
            ProtocolFields.PATH, ProtocolFields.UNIT, ProtocolFields.LIFETIME);
}
