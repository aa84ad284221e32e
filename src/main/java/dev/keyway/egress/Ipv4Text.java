package dev.keyway.egress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Reads numeric host names the way the libraries below Keyway do, so the guard classifies the
 * address that would really be dialled. {@link #jdk} follows {@code InetAddress} (1 to 4 decimal
 * parts, leading zeros still decimal: what OkHttp dials for hosts made of digits and dots);
 * {@link #bsd} follows {@code inet_aton} (parts may be octal {@code 0177} or hex {@code 0x7f}:
 * what the C resolver answers for such a "name").
 */
final class Ipv4Text {
    private Ipv4Text() {}

    static Optional<InetAddress> jdk(String host) {
        return parse(host, false);
    }

    static Optional<InetAddress> bsd(String host) {
        return parse(host, true);
    }

    /** Exactly four decimal parts 0-255: the only form accepted in configuration. */
    static Optional<InetAddress> dottedQuad(String text) {
        return text.split("\\.", -1).length == 4 && text.matches("[0-9.]+") ? jdk(text) : Optional.empty();
    }

    private static Optional<InetAddress> parse(String host, boolean bsd) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = part(parts[i], bsd);
            if (values[i] < 0) {
                return Optional.empty();
            }
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return Optional.empty();
        }
        return Optional.of(of(address | last));
    }

    /** The value of one part, or -1 if it is not a number in this dialect. */
    private static long part(String text, boolean bsd) {
        int radix = 10;
        String digits = text;
        if (bsd && (text.startsWith("0x") || text.startsWith("0X"))) {
            radix = 16;
            digits = text.substring(2);
        } else if (bsd && text.length() > 1 && text.startsWith("0")) {
            radix = 8;
            digits = text.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 12) {
            return -1;
        }
        long value = 0;
        for (char c : digits.toCharArray()) {
            int digit = Character.digit(c, radix);
            if (digit < 0 || c > 'f') {
                return -1;
            }
            value = value * radix + digit;
        }
        return value;
    }

    private static InetAddress of(long address) {
        byte[] bytes = {(byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address};
        try {
            return Inet4Address.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
