package dev.keyway.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** DNS from a script: each host answers its scripted answers in turn (the last one repeats). */
final class ScriptedResolver implements Resolver {
    private final Map<String, Deque<List<InetAddress>>> answers = new HashMap<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();

    /** Adds one answer for {@code host}; {@code addresses} are IP literals. */
    ScriptedResolver answer(String host, String... addresses) {
        List<InetAddress> parsed = java.util.Arrays.stream(addresses)
                .map(a -> Cidr.literal(a).orElseThrow(() -> new IllegalArgumentException(a)))
                .toList();
        answers.computeIfAbsent(host, h -> new ArrayDeque<>()).addLast(parsed);
        return this;
    }

    @Override
    public synchronized List<InetAddress> resolve(String host) throws UnknownHostException {
        queries.add(host);
        Deque<List<InetAddress>> script = answers.get(host);
        if (script == null) {
            throw new UnknownHostException(host);
        }
        return script.size() > 1 ? script.removeFirst() : script.getFirst();
    }

    List<String> queries() {
        return List.copyOf(queries);
    }
}
