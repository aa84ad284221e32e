package dev.keyway.hook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.problem.Problem;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Optional filters of a hook, each a set of ids; an empty set lets every event through. An event
 * passes when each non-empty set contains its value: {@code listIds} — the event's {@code list_id};
 * {@code resources}, {@code campaignIds}, {@code templateIds}, {@code segmentIds} — {@code event_data}'s
 * {@code resource_id}, {@code campaign_id}, {@code template_id}, {@code segment_id}.
 */
public record Filters(Set<Long> listIds, Set<Long> resources, Set<Long> campaignIds, Set<Long> templateIds,
                      Set<Long> segmentIds) {
    public static final Filters NONE = new Filters(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    private static final int MAX_IDS = 1000;

    public Filters {
        listIds = Set.copyOf(listIds);
        resources = Set.copyOf(resources);
        campaignIds = Set.copyOf(campaignIds);
        templateIds = Set.copyOf(templateIds);
        segmentIds = Set.copyOf(segmentIds);
    }

    public boolean pass(JsonNode event) {
        JsonNode data = event.path("event_data");
        return in(listIds, event.get("list_id")) && in(resources, data.get("resource_id"))
                && in(campaignIds, data.get("campaign_id")) && in(templateIds, data.get("template_id"))
                && in(segmentIds, data.get("segment_id"));
    }

    private static boolean in(Set<Long> ids, JsonNode value) {
        if (ids.isEmpty()) {
            return true;
        }
        if (value == null || !(value.canConvertToLong() || value.isTextual())) {
            return false;
        }
        try {
            return ids.contains(value.isTextual() ? Long.parseLong(value.textValue()) : value.longValue());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** From a request's {@code filters} member (null or absent: no filter), or a 400 naming the member. */
    public static Filters read(JsonNode n) {
        if (n == null || n.isNull()) {
            return NONE;
        }
        if (!n.isObject()) {
            throw Problem.invalid("filters", "invalid_type", "filters must be an object");
        }
        Set<String> names = Set.of("listIds", "resources", "campaignIds", "templateIds", "segmentIds");
        n.fieldNames().forEachRemaining(f -> {
            if (!names.contains(f)) {
                throw Problem.invalid("filters." + (f.length() > 60 ? f.substring(0, 60) : f), "unknown_field",
                        "unknown filter; the filters are campaignIds, listIds, resources, segmentIds, templateIds");
            }
        });
        return new Filters(ids(n, "listIds"), ids(n, "resources"), ids(n, "campaignIds"), ids(n, "templateIds"),
                ids(n, "segmentIds"));
    }

    private static Set<Long> ids(JsonNode filters, String name) {
        JsonNode n = filters.get(name);
        Set<Long> out = new LinkedHashSet<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray() || n.size() > MAX_IDS) {
            throw Problem.invalid("filters." + name, "invalid_type", "filters." + name + " must be an array of at most "
                    + MAX_IDS + " integer ids");
        }
        for (JsonNode id : n) {
            if (!id.canConvertToExactIntegral() || !id.isIntegralNumber()) {
                throw Problem.invalid("filters." + name, "invalid_type", "filters." + name + " must hold integer ids");
            }
            out.add(id.longValue());
        }
        return out;
    }

    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("listIds", listIds.stream().sorted().toList());
        m.put("resources", resources.stream().sorted().toList());
        m.put("campaignIds", campaignIds.stream().sorted().toList());
        m.put("templateIds", templateIds.stream().sorted().toList());
        m.put("segmentIds", segmentIds.stream().sorted().toList());
        return m;
    }
}
