package dev.keyway.egress;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every address the guard let through and refuses to connect: no packet is ever sent. */
final class RecordingConnector implements Connector {
    private final List<InetSocketAddress> attempts = new CopyOnWriteArrayList<>();

    @Override
    public void connect(InetSocketAddress address, int timeoutMillis, Opener opener) throws ConnectException {
        attempts.add(address);
        throw new ConnectException("recorded, not connected: " + address);
    }

    List<InetSocketAddress> attempts() {
        return List.copyOf(attempts);
    }
}
