package dev.keyway.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.hook.Hook;
import dev.keyway.hook.HookSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The hook form's fields (as typed, strings) to the API's JSON body and back. Nothing is validated here:
 * what the operator typed goes to {@code HookService} as is (a filter "12x" as a string), which refuses it
 * with the field at fault. Custom data is a list of name/template rows ({@code customName}, {@code customTemplate}).
 */
final class HookForm {
    static final List<String> FILTERS = List.of("listIds", "resources", "campaignIds", "templateIds", "segmentIds");
    static final int SPARE_ROWS = 3;

    /** Typed values of the form: single fields by name, and the custom data rows. */
    record Values(Map<String, String> fields, List<Map.Entry<String, String>> custom) {
        String get(String name) {
            return fields.getOrDefault(name, "");
        }
    }

    private HookForm() {
    }

    static Values blank() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("active", "on");
        m.put("eventTypes", "*");
        m.put("maxBatchSize", Integer.toString(HookSettings.DEFAULT_BATCH));
        m.put("timeoutSeconds", Integer.toString(HookSettings.DEFAULT_TIMEOUT_SECONDS));
        return new Values(m, List.of());
    }

    static Values values(Hook k) {
        HookSettings s = k.settings();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("active", s.active() ? "on" : "");
        m.put("eventTypes", String.join(" ", s.eventTypes()));
        Map<String, Object> filters = s.filters().view();
        for (String f : FILTERS) {
            m.put("filters." + f, ((Collection<?>) filters.get(f)).stream().map(String::valueOf).collect(Collectors.joining(" ")));
        }
        m.put("url", s.url().toString());
        m.put("connectionId", s.connectionId() == null ? "" : s.connectionId().value());
        m.put("maxBatchSize", Integer.toString(s.maxBatchSize()));
        m.put("timeoutSeconds", Integer.toString(s.timeoutSeconds()));
        m.put("successRegex", s.successRegex() == null ? "" : s.successRegex());
        return new Values(m, List.copyOf(s.customData().templates().entrySet()));
    }

    static Values values(Form form) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : List.of("name", "active", "eventTypes", "url", "connectionId", "maxBatchSize", "timeoutSeconds",
                "successRegex")) {
            m.put(f, form.get(f));
        }
        FILTERS.forEach(f -> m.put("filters." + f, form.get("filters." + f)));
        List<String> names = form.fields().getOrDefault("customName", List.of());
        List<String> templates = form.fields().getOrDefault("customTemplate", List.of());
        List<Map.Entry<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(names.size(), templates.size()); i++) {
            String name = i < names.size() ? names.get(i).strip() : "";
            String template = i < templates.size() ? templates.get(i) : "";
            if (!name.isEmpty() || !template.isEmpty()) {
                rows.add(Map.entry(name, template));
            }
        }
        return new Values(m, rows);
    }

    /** The API body: every member present, empty text as null (the service then uses its default or says "required"). */
    static ObjectNode toJson(ObjectMapper json, Values v) {
        ObjectNode o = json.createObjectNode();
        text(o, "name", v.get("name"));
        o.put("active", !v.get("active").isEmpty());
        ArrayNode types = o.putArray("eventTypes");
        words(v.get("eventTypes")).forEach(types::add);
        ObjectNode filters = o.putObject("filters");
        for (String f : FILTERS) {
            ArrayNode ids = filters.putArray(f);
            for (String w : words(v.get("filters." + f))) {
                try {
                    ids.add(Long.parseLong(w));
                } catch (NumberFormatException notANumber) {
                    ids.add(w); // refused by the service, with the filter named
                }
            }
        }
        text(o, "url", v.get("url"));
        text(o, "connectionId", v.get("connectionId"));
        integer(o, "maxBatchSize", v.get("maxBatchSize"));
        integer(o, "timeoutSeconds", v.get("timeoutSeconds"));
        text(o, "successRegex", v.get("successRegex"));
        ObjectNode custom = o.putObject("customData");
        v.custom().forEach(e -> custom.put(e.getKey(), e.getValue()));
        return o;
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.strip().split("[\\s,]+"));
    }

    private static void text(ObjectNode o, String field, String value) {
        if (value.isBlank()) {
            o.putNull(field);
        } else {
            o.put(field, value.strip());
        }
    }

    private static void integer(ObjectNode o, String field, String value) {
        if (value.isBlank()) {
            o.putNull(field);
            return;
        }
        try {
            o.put(field, Integer.parseInt(value.strip()));
        } catch (NumberFormatException notANumber) {
            o.put(field, value.strip()); // refused by the service: "must be an integer from … to …"
        }
    }
}
