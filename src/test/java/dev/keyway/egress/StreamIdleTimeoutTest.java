package dev.keyway.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Streamed hops stay bounded by their idle timeout on plain sockets, where the socket's SO_TIMEOUT
 * is cleared for speed and okio's timeout is the bound: a service that accepts and never answers,
 * and one that stops in the middle of a body. {@link TlsStreamIdleTimeoutTest} does the same over TLS.
 */
class StreamIdleTimeoutTest {
    private static final Duration IDLE = Duration.ofMillis(300);
    private final EgressClient client = new EgressClient(EgressPolicy.defaults().withAllowlist(List.of("127.0.0.0/8")));
    private StallingService service;

    @AfterEach
    void stop() throws IOException {
        service.close();
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

    private URI stalling(String answer) throws IOException {
        service = StallingService.start(new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")), answer);
        return service.url("http");
    }
}
