package dev.keyway.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events in the platform's message structure (field notes §1.3), as the platform posts them to /api/v1/events. */
public final class PlatformEvents {
    private PlatformEvents() {
    }

    public static Map<String, Object> event(String type, String profile, String email, long campaign) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_type", type);
        e.put("event_date", Instant.parse("2026-11-22T10:00:00Z").toString());
        e.put("profile_id", profile);
        e.put("list_id", 1);
        e.put("account_id", 7);
        e.put("event_data", Map.of("campaign_id", campaign, "message_id", 42, "resource_id", 3));
        e.put("subscription", List.of(Map.of("resource_id", 3, "channel", "email", "email", email)));
        e.put("profile", Map.of("email", email));
        return e;
    }

    public static Map<String, Object> open(int n) {
        return event("open", "p" + n, "user" + n + "@example.com", 100 + n);
    }

    public static List<Map<String, Object>> opens(int from, int count) {
        return java.util.stream.IntStream.range(from, from + count).mapToObj(PlatformEvents::open).toList();
    }
}
