package dev.keyway.egress;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Streamed hops stay bounded by their idle timeout on plain sockets, where the socket's SO_TIMEOUT
 * is cleared for speed and okio's timeout is the bound: a service that accepts and never answers,
 * and one that stops in the middle of a body.
 */
class StreamIdleTimeoutTest {
    private static final Duration IDLE = Duration.ofMillis(300);
    private final EgressClient client = new EgressClient(EgressPolicy.defaults().withAllowlist(List.of("127.0.0.0/8")));
    private final CountDownLatch done = new CountDownLatch(1);
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        done.countDown();
        server.close();
    }

    @Test
    void aServiceThatNeverAnswersTimesOut() throws Exception {
        URI url = stalling("");
        EgressException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(
                EgressException.class, () -> client.open(EgressRequest.get(url).withTimeout(IDLE), null, -1)));
        assertThat(failure).isNotNull();
        assertThat(failure.rule()).isEqualTo(Rule.TIMEOUT);
    }

    @Test
    void aBodyThatStopsMidwayTimesOutOnTheNextRead() throws Exception {
        URI url = stalling("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        try (StreamedResponse answer = client.open(EgressRequest.get(url).withTimeout(IDLE), null, -1)) {
            assertThat(answer.status()).isEqualTo(200);
            InputStream body = answer.body();
            IOException failure = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> catchThrowableOfType(IOException.class, body::readAllBytes));
            assertThat(failure).isNotNull();
        }
    }

    /** Accepts one connection, reads the request head, writes {@code answer} and then nothing more. */
    private URI stalling(String answer) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().start(() -> {
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
        });
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/stall");
    }
}
