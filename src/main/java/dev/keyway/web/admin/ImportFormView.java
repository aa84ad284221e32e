package dev.keyway.web.admin;

import dev.keyway.account.Session;
import dev.keyway.connection.Connection;
import java.util.List;
import java.util.Map;

/**
 * The create / edit form of a feed import: the values shown (as typed, after a refusal), the
 * account's connections to pick from, and the refused field with its message.
 */
public record ImportFormView(Session session, String id, Map<String, String> values, List<Connection> connections,
                             String errorField, String errorMessage) {
    public boolean creating() {
        return id == null;
    }

    public String action() {
        return creating() ? "/admin/imports" : "/admin/imports/" + id;
    }

    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    public String error(String field) {
        return field.equals(errorField) ? errorMessage : null;
    }

    /** A refusal that names no field of the form. */
    public String formError() {
        return errorMessage != null && (errorField == null || !ImportForm.FIELDS.contains(errorField)) ? errorMessage : null;
    }
}
