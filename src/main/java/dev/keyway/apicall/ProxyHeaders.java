package dev.keyway.apicall;

import dev.keyway.egress.EgressRequest;
import dev.keyway.problem.Problem;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of a caller's headers the proxy forwards: all but hop-by-hop ones (and those its
 * {@code Connection} header names), {@code Host}, {@code Content-Length}, {@code Expect}, the
 * caller's own {@code Authorization} and {@code X-API-Key} (its Keyway key), and those the
 * connection's credential sets.
 */
final class ProxyHeaders {
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "expect", "authorization", "x-api-key");

    private ProxyHeaders() {
    }

    static EgressRequest request(ProxyRequest in, URI target, Credentials.Names credential, byte[] body) {
        Set<String> hop = HeaderRules.hopByHop(values(in.headers(), "connection"));
        Map<String, List<String>> forwarded = new LinkedHashMap<>();
        in.headers().forEach((name, values) -> {
            String n = HeaderRules.lower(name);
            if (!hop.contains(n) && !NOT_FORWARDED.contains(n) && !credential.headers().contains(n)) {
                forwarded.put(name, values);
            }
        });
        try {
            return new EgressRequest(in.method(), target, forwarded, body, null, false);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("headers", "invalid_header", "a header cannot be forwarded: " + e.getMessage());
        }
    }

    static List<String> values(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }
}
