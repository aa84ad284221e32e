package dev.keyway.web.admin;

import dev.keyway.account.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hook's Create/Edit page. {@code id} is null for a new hook. {@code errorField}/{@code errorMessage}
 * come from the service's refusal and are shown next to that field (atop the form when no field shows it).
 */
public record HookFormView(Session session, String id, HookForm.Values values, List<Option> connections,
                           String errorField, String errorMessage, String notice) {
    /** A connection the hook may authorize with. */
    public record Option(String id, String label) { }

    /** One custom data row; spare rows are empty. */
    public record Row(String name, String template) { }

    private static final Set<String> FIELDS = Set.of("name", "active", "eventTypes", "url", "connectionId", "maxBatchSize",
            "timeoutSeconds", "successRegex", "filters.listIds", "filters.resources", "filters.campaignIds",
            "filters.templateIds", "filters.segmentIds");

    public boolean creating() {
        return id == null;
    }

    public String value(String field) {
        return values.get(field);
    }

    public boolean checked(String field) {
        return !values.get(field).isEmpty();
    }

    public String error(String field) {
        return field.equals(errorField) ? errorMessage : null;
    }

    /** A refusal about custom data (the whole object or one of its rows). */
    public String customError() {
        return errorField != null && errorField.startsWith("customData") ? errorMessage : null;
    }

    /** A refusal that no field of the form shows (a filter the form does not have, or none named). */
    public String formError() {
        return errorMessage != null && customError() == null && (errorField == null || !FIELDS.contains(errorField))
                ? errorMessage : null;
    }

    public String action() {
        return creating() ? "/admin/hooks" : "/admin/hooks/" + id;
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : values.custom()) {
            rows.add(new Row(e.getKey(), e.getValue()));
        }
        for (int i = 0; i < HookForm.SPARE_ROWS; i++) {
            rows.add(new Row("", ""));
        }
        return rows;
    }

    public List<String> filters() {
        return HookForm.FILTERS;
    }

    public String filterLabel(String filter) {
        return switch (filter) {
            case "listIds" -> "Database (list_id)";
            case "resources" -> "Resource";
            case "campaignIds" -> "Campaign";
            case "templateIds" -> "Template";
            case "segmentIds" -> "Segment";
            default -> filter;
        };
    }
}
