package dev.keyway.egress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Classifies an address: empty means a public unicast address, otherwise the rule that refuses it.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64 64:ff9b::/96, 6to4 2002::/16)
 * are classified by the IPv4 address they carry.
 */
final class AddressRules {
    private record Range(Cidr cidr, Rule rule) {}

    private static final List<Range> V4 = List.of(
            range("169.254.169.254/32", Rule.HOST_DENIED), // AWS, GCP, Azure, OCI... metadata
            range("169.254.170.2/32", Rule.HOST_DENIED), // ECS task metadata
            range("169.254.170.23/32", Rule.HOST_DENIED), // EKS pod identity
            range("100.100.100.200/32", Rule.HOST_DENIED), // Alibaba Cloud metadata
            range("0.0.0.0/8", Rule.UNSPECIFIED),
            range("127.0.0.0/8", Rule.LOOPBACK),
            range("10.0.0.0/8", Rule.PRIVATE),
            range("172.16.0.0/12", Rule.PRIVATE),
            range("192.168.0.0/16", Rule.PRIVATE),
            range("169.254.0.0/16", Rule.LINK_LOCAL),
            range("100.64.0.0/10", Rule.CGNAT),
            range("224.0.0.0/4", Rule.MULTICAST),
            range("240.0.0.0/4", Rule.RESERVED), // includes 255.255.255.255
            range("192.0.0.0/24", Rule.RESERVED),
            range("192.0.2.0/24", Rule.RESERVED),
            range("192.88.99.0/24", Rule.RESERVED),
            range("198.18.0.0/15", Rule.RESERVED),
            range("198.51.100.0/24", Rule.RESERVED),
            range("203.0.113.0/24", Rule.RESERVED));

    private static final List<Range> V6 = List.of(
            range("fd00:ec2::254/128", Rule.HOST_DENIED), // AWS metadata over IPv6
            range("fd00:ec2::23/128", Rule.HOST_DENIED), // EKS pod identity over IPv6
            range("::/128", Rule.UNSPECIFIED),
            range("::1/128", Rule.LOOPBACK),
            range("64:ff9b:1::/48", Rule.RESERVED), // local-use NAT64
            range("100::/64", Rule.RESERVED), // discard-only
            range("2001::/32", Rule.RESERVED), // Teredo
            range("2001:db8::/32", Rule.RESERVED), // documentation
            range("ff00::/8", Rule.MULTICAST),
            range("fe80::/10", Rule.LINK_LOCAL),
            range("fec0::/10", Rule.PRIVATE), // deprecated site-local
            range("fc00::/7", Rule.UNIQUE_LOCAL));

    private static final Cidr COMPATIBLE = Cidr.of("::/96");
    private static final Cidr NAT64 = Cidr.of("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.of("2002::/16");
    private static final Cidr GLOBAL_UNICAST = Cidr.of("2000::/3");

    private AddressRules() {}

    static Optional<Rule> classify(InetAddress address) {
        if (address instanceof Inet4Address) {
            return first(V4, address);
        }
        Optional<Rule> listed = first(V6, address);
        if (listed.isPresent()) {
            return listed;
        }
        byte[] bytes = address.getAddress();
        if (isMapped(bytes) || NAT64.contains(address)) {
            return classify(v4(bytes, 12));
        }
        if (COMPATIBLE.contains(address)) { // deprecated: refused even when it carries a public address
            return classify(v4(bytes, 12)).or(() -> Optional.of(Rule.RESERVED));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return classify(v4(bytes, 2));
        }
        return GLOBAL_UNICAST.contains(address) ? Optional.empty() : Optional.of(Rule.RESERVED);
    }

    /** ::ffff:a.b.c.d held in an Inet6Address (the JDK usually hands these out as IPv4 already). */
    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static Optional<Rule> first(List<Range> ranges, InetAddress address) {
        return ranges.stream().filter(r -> r.cidr().contains(address)).map(Range::rule).findFirst();
    }

    private static InetAddress v4(byte[] bytes, int offset) {
        try {
            return Inet4Address.getByAddress(Arrays.copyOfRange(bytes, offset, offset + 4));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Range range(String cidr, Rule rule) {
        return new Range(Cidr.of(cidr), rule);
    }
}
