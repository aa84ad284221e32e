package dev.keyway.egress;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * A service on a loopback listening socket (plain, or TLS when it is an {@code SSLServerSocket}):
 * accepts one connection, reads the request head, writes {@code answer} and then nothing more
 * until closed. With a plain socket and an https URL it never answers the TLS handshake.
 */
final class StallingService implements AutoCloseable {
    private final ServerSocket server;
    private final CountDownLatch done = new CountDownLatch(1);

    private StallingService(ServerSocket server) {
        this.server = server;
    }

    static StallingService start(ServerSocket server, String answer) {
        StallingService service = new StallingService(server);
        Thread.ofVirtual().start(() -> service.serve(answer));
        return service;
    }

    URI url(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort() + "/stall");
    }

    @Override
    public void close() throws IOException {
        done.countDown();
        server.close();
    }

    private void serve(String answer) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            s.getOutputStream().write(answer.getBytes(US_ASCII));
            s.getOutputStream().flush();
            done.await();
        } catch (IOException | InterruptedException ignored) {
            // the test is over
        }
    }
}
