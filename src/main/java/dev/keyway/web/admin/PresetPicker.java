package dev.keyway.web.admin;

import dev.keyway.provider.Provider;
import java.util.List;
import java.util.Map;

/**
 * The "start from" choice atop a new OAuth2 connection: a provider preset (with its variables asked for by name),
 * Custom OAuth2 (no preset), or an issuer URL to discover. {@code error} and {@code errorField} (a variable as
 * {@code variables.<name>}, or {@code issuer}) say why the form could not be filled.
 */
public record PresetPicker(List<Provider> providers, Provider chosen, Map<String, String> variables, String issuer,
                           String errorField, String error, boolean filled) {

    public boolean selected(Provider p) {
        return chosen != null && chosen.id().equals(p.id());
    }

    public String variable(String name) {
        String v = variables.get(name);
        return v == null ? "" : v;
    }

    /** The error of this variable, or null. */
    public String variableError(String name) {
        return ("variables." + name).equals(errorField) ? error : null;
    }

    public String issuerError() {
        return "issuer".equals(errorField) ? error : null;
    }

    /** An error that belongs to neither a variable nor the issuer (e.g. an unknown provider). */
    public String otherError() {
        return error != null && !"issuer".equals(errorField)
                && (errorField == null || !errorField.startsWith("variables.")) ? error : null;
    }

    public boolean needsVariables() {
        return chosen != null && !chosen.variables().isEmpty() && !filled;
    }
}
