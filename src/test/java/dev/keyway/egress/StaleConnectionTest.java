package dev.keyway.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A service that closes a kept-alive connection once it has answered (as servers do after their idle timeout): the
 * next GET goes again on a fresh connection; a request with a body is never sent twice by the client.
 */
class StaleConnectionTest {
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final EgressClient client = new EgressClient(EgressPolicy.defaults().withAllowlist(List.of("127.0.0.1")));

    StaleConnectionTest() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    connections.incrementAndGet();
                    readRequest(s.getInputStream());
                    requests.incrementAndGet();
                    // keep-alive promised (HTTP/1.1, no Connection: close), then the connection is closed anyway
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/items");
    }

    @Test
    void aGetOnAConnectionTheServiceClosedIsSentAgainOnAFreshOne() throws Exception {
        assertThat(client.send(EgressRequest.get(url())).status()).isEqualTo(200);

        EgressResponse second = client.send(EgressRequest.get(url()));

        assertThat(second.status()).isEqualTo(200);
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(requests.get()).isEqualTo(2);
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void aPostOnAConnectionTheServiceClosedIsNotSentAgainByTheClient() throws Exception {
        assertThat(client.send(EgressRequest.get(url())).status()).isEqualTo(200);

        Throwable failed = catchThrowable(() -> client.send(new EgressRequest("POST", url(),
                java.util.Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
                "grant_type=refresh_token&refresh_token=rt-1".getBytes(StandardCharsets.UTF_8),
                java.time.Duration.ofSeconds(5), false)));

        assertThat(failed).isInstanceOf(IOException.class);
        assertThat(connections.get()).as("no second connection for the POST").isEqualTo(1);
    }

    /** Reads a request head and, when it declares one, its body. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        int at = h.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(h.substring(at + 15, h.indexOf("\r\n", at)).strip());
            in.readNBytes(length);
        }
    }
}
