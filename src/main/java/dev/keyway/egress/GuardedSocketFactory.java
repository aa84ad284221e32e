package dev.keyway.egress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * Sockets that check the address right before connecting, then connect through the
 * {@link Connector}. OkHttp dials IP-literal URLs without asking {@link GuardedDns}; this is the
 * check nothing can bypass. Only unconnected sockets are handed out (all OkHttp asks for).
 */
final class GuardedSocketFactory extends SocketFactory {
    private final Gate gate;
    private final Connector connector;

    GuardedSocketFactory(Gate gate, Connector connector) {
        this.gate = gate;
        this.connector = connector;
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw unsupported();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw unsupported();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw unsupported();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw unsupported();
    }

    private static SocketException unsupported() {
        return new SocketException("egress sockets are created unconnected");
    }

    private final class GuardedSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress target) || target.isUnresolved()) {
                throw new EgressException(Rule.UNRESOLVABLE, "socket address is not resolved");
            }
            gate.checkConnect(target.getAddress());
            connector.connect(target, timeout, () -> super.connect(target, timeout));
        }
    }
}
