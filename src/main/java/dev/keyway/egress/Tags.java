package dev.keyway.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Carries the URL host from the DNS step to the socket check inside the {@link InetAddress}
 * itself, so the socket check can honour host-name allowlist entries. Reading the tag never does
 * a reverse lookup: {@link InetAddress#toString()} prints "host/literal" with an empty host when
 * none was set (for example for IP literals, which OkHttp turns into addresses itself).
 */
final class Tags {
    private Tags() {}

    static InetAddress tag(String host, InetAddress address) {
        try {
            if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
                return Inet6Address.getByAddress(host, v6.getAddress(), v6.getScopeId());
            }
            return InetAddress.getByAddress(host, address.getAddress());
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static Optional<String> hostOf(InetAddress address) {
        String text = address.toString();
        int slash = text.indexOf('/');
        return slash <= 0 ? Optional.empty() : Optional.of(text.substring(0, slash));
    }
}
