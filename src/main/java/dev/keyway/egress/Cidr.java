package dev.keyway.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An address range such as {@code 127.0.0.0/8} or {@code ::1/128}; parsed without any DNS. */
record Cidr(byte[] network, int prefix) {

    Cidr {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix out of range: /" + prefix);
        }
    }

    /** Parses {@code address} or {@code address/prefix}; brackets around IPv6 are allowed. */
    static Optional<Cidr> parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        Optional<InetAddress> address = literal(addressText);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = address.get().getAddress();
        boolean mapped = addressText.contains(":") && bytes.length == 4; // ::ffff:a.b.c.d, read as IPv4
        int prefix = mapped ? 128 : bytes.length * 8;
        if (slash >= 0) {
            String prefixText = trimmed.substring(slash + 1);
            if (!prefixText.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("not a CIDR prefix: " + text);
            }
            prefix = Integer.parseInt(prefixText);
        }
        if (mapped && prefix < 96) {
            throw new IllegalArgumentException("IPv4-mapped range shorter than /96: " + text);
        }
        return Optional.of(new Cidr(bytes, mapped ? prefix - 96 : prefix));
    }

    /** Like {@link #parse} but for ranges that must be valid (built-in tables). */
    static Cidr of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + text));
    }

    /**
     * An IP literal (dotted quad, or IPv6 with or without brackets), never a DNS lookup.
     * IPv4-mapped IPv6 literals come back as IPv4 addresses, as the JDK would dial them.
     */
    static Optional<InetAddress> literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!bare.contains(":")) {
            return Ipv4Text.dottedQuad(bare);
        }
        if (!bare.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare)); // contains ':' => literal only, no lookup
        } catch (UnknownHostException invalid) {
            return Optional.empty();
        }
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }
}
