package dev.keyway.web.admin;

import dev.keyway.account.Session;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Create/Edit page of a basic, token or custom connection. {@code id} is null for a new one. Secrets are
 * never part of it: {@code secretSet} says whether one is stored; header rows carry names only.
 */
public record CredentialFormView(Session session, String id, String type, Map<String, String> values, boolean secretSet,
                                 List<HeaderRow> headers, String errorField, String errorMessage, String notice) {
    private static final Set<String> FIELDS = Set.of("name", "description", "allowedUrl", "username", "password",
            "token", "credentialPlacement", "headers");

    /** One header row: {@code stored} is the stored header it shows (its value is set), "" for a new row. */
    public record HeaderRow(int index, String name, String stored, boolean remove) {
        public String key() {
            return "h" + index;
        }

        public boolean isStored() {
            return !stored.isEmpty();
        }
    }

    public boolean creating() {
        return id == null;
    }

    public String typeLabel() {
        return switch (type) {
            case "basic" -> "Basic Authentication";
            case "token" -> "Token Authentication";
            default -> "Custom Authentication";
        };
    }

    public String value(String field) {
        String v = values.get(field);
        return v == null ? "" : v;
    }

    public boolean selected(String field, String option) {
        return value(field).equals(option);
    }

    public String error(String field) {
        return field.equals(errorField) ? errorMessage : null;
    }

    /** The error of a header row: its own, or the service's refusal of the headers when it names this row's header. */
    public String rowError(HeaderRow r) {
        if (r.key().equals(errorField)) {
            return errorMessage;
        }
        return "headers".equals(errorField) && names(r.name()) ? errorMessage : null;
    }

    /** A refusal of the headers that no row claims. */
    public String headersError() {
        return "headers".equals(errorField) && headers.stream().noneMatch(r -> names(r.name())) ? errorMessage : null;
    }

    public String formError() {
        boolean shown = errorField != null && (FIELDS.contains(errorField) || errorField.matches("h\\d+"));
        return errorMessage != null && !shown ? errorMessage : null;
    }

    public boolean advancedOpen() {
        return "credentialPlacement".equals(errorField);
    }

    public String action() {
        return creating() ? "/admin/connections" : "/admin/connections/" + id;
    }

    /** Whether the service's message is about this header name (it quotes names as 'X' or writes them as words). */
    private boolean names(String header) {
        return !header.isEmpty() && errorMessage != null
                && (errorMessage.contains(" " + header + " ") || errorMessage.contains("'" + header + "'"));
    }
}
