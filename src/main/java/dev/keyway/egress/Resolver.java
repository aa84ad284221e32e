package dev.keyway.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into addresses. Called once per connection attempt; never for IP literals. */
@FunctionalInterface
public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The operating system's resolver ({@link InetAddress#getAllByName}). */
    static Resolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
