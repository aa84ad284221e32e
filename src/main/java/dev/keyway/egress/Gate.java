package dev.keyway.egress;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every egress decision. Three entry points, one rule set: {@link #checkHost} before a call (URL
 * host: allowlist, metadata names, IP literals in every spelling), {@link #lookup} when OkHttp asks
 * for addresses (the only DNS query, each answer checked), {@link #checkConnect} on the address a
 * socket is about to dial (catches anything that got past the first two).
 */
final class Gate {
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog",
            "metadata", "instance-data", "instance-data.ec2.internal", "metadata.tencentyun.com");

    private static final Pattern NUMERIC = Pattern.compile("[0-9.]+");

    private final Allowlist allowlist;
    private final Resolver resolver;
    /** Hosts {@link #checkHost} let through (it depends on the host string and the allowlist only). */
    private final Cache<String, Boolean> admittedHosts = Caffeine.newBuilder().maximumSize(10_000).build();

    Gate(Allowlist allowlist, Resolver resolver) {
        this.allowlist = allowlist;
        this.resolver = resolver;
    }

    /** Checks a URL host (as OkHttp canonicalized it) without resolving it. */
    void checkHost(String host) throws EgressException {
        if (admittedHosts.getIfPresent(host) != null) {
            return;
        }
        checkHostUncached(host);
        admittedHosts.put(host, Boolean.TRUE);
    }

    private void checkHostUncached(String host) throws EgressException {
        if (allowlist.permitsHost(host)) {
            return;
        }
        if (METADATA_NAMES.contains(Allowlist.normalize(host))) {
            throw new EgressException(Rule.HOST_DENIED, "host " + host + " is a cloud metadata service");
        }
        for (InetAddress address : literalReadings(host)) {
            checkAddress(host, address);
        }
    }

    /** The checked addresses to dial for {@code host}, each tagged with the host name. */
    List<InetAddress> lookup(String host) throws EgressException {
        checkHost(host);
        List<InetAddress> literal = literalReadings(host);
        List<InetAddress> addresses = literal.isEmpty() ? resolve(host) : List.of(literal.getLast());
        boolean named = allowlist.permitsHost(host);
        List<InetAddress> checked = new ArrayList<>();
        for (InetAddress address : addresses) {
            if (!named) {
                checkAddress(host, address);
            }
            checked.add(Tags.tag(host, address));
        }
        return List.copyOf(checked);
    }

    /** The last word on the address a socket is about to connect to. */
    void checkConnect(InetAddress address) throws EgressException {
        Optional<String> host = Tags.hostOf(address);
        if (host.isPresent() && allowlist.permitsHost(host.get())) {
            return;
        }
        checkAddress(host.orElse(address.getHostAddress()), address);
    }

    /**
     * How a host may be dialled if it is an IP literal: IPv6, or IPv4 read the way the JDK reads it
     * (digits and dots, what OkHttp dials itself) and the way {@code inet_aton} reads it (octal,
     * hex). Empty for a host name. A host of digits and dots that is neither is refused: the JDK
     * would send it to the system resolver, around {@link Resolver}.
     */
    private static List<InetAddress> literalReadings(String host) throws EgressException {
        if (host.contains(":")) {
            return List.of(Cidr.literal(host).orElseThrow(
                    () -> new EgressException(Rule.UNRESOLVABLE, "host " + host + " is no valid IPv6 literal")));
        }
        boolean numeric = NUMERIC.matcher(host).matches();
        List<InetAddress> readings = Stream.of(numeric ? Ipv4Text.jdk(host) : Optional.<InetAddress>empty(),
                Ipv4Text.bsd(host)).flatMap(Optional::stream).distinct().toList();
        if (numeric && readings.isEmpty()) {
            throw new EgressException(Rule.UNRESOLVABLE, "numeric host " + host + " is no valid IPv4 literal");
        }
        return readings;
    }

    private List<InetAddress> resolve(String host) throws EgressException {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new EgressException(Rule.UNRESOLVABLE, "host " + host + " does not resolve", e);
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new EgressException(Rule.UNRESOLVABLE, "host " + host + " has no address");
        }
        return addresses;
    }

    private void checkAddress(String host, InetAddress address) throws EgressException {
        if (allowlist.permitsAddress(address)) {
            return;
        }
        Optional<Rule> rule = AddressRules.classify(address);
        if (rule.isPresent()) {
            throw new EgressException(rule.get(), "host " + host + " -> " + address.getHostAddress() + " refused");
        }
    }
}
