package dev.keyway.egress;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The operator's exceptions: host names (exact, case-insensitive) and address ranges. */
final class Allowlist {
    private final Set<String> names;
    private final List<Cidr> ranges;

    private Allowlist(Set<String> names, List<Cidr> ranges) {
        this.names = Set.copyOf(names);
        this.ranges = List.copyOf(ranges);
    }

    /** @throws IllegalArgumentException for an entry that is neither a host name nor an address range */
    static Allowlist parse(List<String> entries) {
        Set<String> names = new HashSet<>();
        List<Cidr> ranges = new ArrayList<>();
        for (String entry : entries) {
            Optional<Cidr> range = Cidr.parse(entry);
            if (range.isPresent()) {
                ranges.add(range.get());
            } else if (normalize(entry).matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*") && !entry.matches("[0-9.]+")) {
                names.add(normalize(entry));
            } else {
                throw new IllegalArgumentException("allowlist entry is neither a host name nor an IP range: " + entry);
            }
        }
        return new Allowlist(names, ranges);
    }

    /** Lower case, without the trailing dot of a fully qualified name. */
    static String normalize(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    boolean permitsHost(String host) {
        return names.contains(normalize(host));
    }

    boolean permitsAddress(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }
}
