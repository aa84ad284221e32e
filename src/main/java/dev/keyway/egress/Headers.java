package dev.keyway.egress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Immutable header maps with case-insensitive names. Errors never print values. */
final class Headers {
    private Headers() {}

    static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            checkName(name);
            values.forEach(value -> checkValue(name, value));
            copy.put(name, List.copyOf(values));
        });
        return Collections.unmodifiableMap(copy);
    }

    static Map<String, List<String>> with(Map<String, List<String>> headers, String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(without(headers, name::equalsIgnoreCase));
        copy.put(name, List.of(value));
        return copy;
    }

    static Map<String, List<String>> without(Map<String, List<String>> headers, Predicate<String> drop) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(drop);
        return copy;
    }

    static Optional<String> first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
            throw new IllegalArgumentException("illegal header name");
        }
    }

    private static void checkValue(String name, String value) {
        if (value == null || !value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("illegal character in the value of header " + name);
        }
    }
}
