package dev.keyway.egress;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Opens the TCP connection for an address the guard has already accepted. Production code uses
 * {@link #direct()}; tests pass a connector that records the address and throws instead of
 * calling {@link Opener#open()}, so no packet leaves the machine.
 */
@FunctionalInterface
public interface Connector {
    /**
     * @param address the validated address, exactly what {@code opener} connects to
     * @param timeoutMillis connect timeout, 0 for none
     * @param opener connects the underlying socket to {@code address}
     */
    void connect(InetSocketAddress address, int timeoutMillis, Opener opener) throws IOException;

    /** Connects for real. */
    static Connector direct() {
        return (address, timeoutMillis, opener) -> opener.open();
    }

    /** Connects the socket to the address given to {@link Connector#connect}; nothing else. */
    @FunctionalInterface
    interface Opener {
        void open() throws IOException;
    }
}
