package dev.keyway.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streamed hops to an https service stay bounded by their idle timeout: one that never answers the
 * request head, one that stops in the middle of a body, one that never answers the handshake. Each
 * call runs on a platform thread and on a virtual thread (the proxy's); the only time bound checked
 * is that it ends at all: a read that nothing unblocks fails the test instead of hanging it.
 */
class TlsStreamIdleTimeoutTest {
    private static final Duration IDLE = Duration.ofMillis(300);
    private final SelfSignedTls tls = SelfSignedTls.forLoopback();
    private final EgressClient client = new EgressClient(EgressPolicy.defaults().withAllowlist(List.of("127.0.0.0/8")),
            Resolver.system(), Connector.direct(), tls.trust());
    private StallingService service;

    TlsStreamIdleTimeoutTest() throws Exception {}

    @AfterEach
    void stop() throws IOException {
        service.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void whenAnHttpsServiceAnswersThenItsBodyArrives(boolean virtual) throws Exception {
        URI url = serving(tls.listen(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        byte[] body = ends(virtual, () -> {
            try (StreamedResponse answer = client.open(EgressRequest.get(url).withTimeout(IDLE), null, -1)) {
                return answer.body().readAllBytes();
            }
        });
        assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo("ok");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void whenAnHttpsServiceNeverAnswersTheRequestThenTheCallTimesOut(boolean virtual) throws Exception {
        URI url = serving(tls.listen(), "");
        EgressException failure = ends(virtual, () -> catchThrowableOfType(EgressException.class,
                () -> client.open(EgressRequest.get(url).withTimeout(IDLE), null, -1)));
        assertThat(failure).isNotNull();
        assertThat(failure.rule()).isEqualTo(Rule.TIMEOUT);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void whenAnHttpsBodyStopsMidwayThenTheNextReadTimesOut(boolean virtual) throws Exception {
        URI url = serving(tls.listen(), "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        try (StreamedResponse answer = client.open(EgressRequest.get(url).withTimeout(IDLE), null, -1)) {
            assertThat(answer.status()).isEqualTo(200);
            InputStream body = answer.body();
            IOException failure = ends(virtual, () -> catchThrowableOfType(IOException.class, body::readAllBytes));
            assertThat(failure).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void whenAServiceNeverAnswersTheHandshakeThenTheCallTimesOut(boolean virtual) throws Exception {
        URI url = serving(new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")), "");
        EgressException failure = ends(virtual, () -> catchThrowableOfType(EgressException.class,
                () -> client.open(EgressRequest.get(url).withTimeout(IDLE), null, -1)));
        assertThat(failure).isNotNull();
        assertThat(failure.rule()).isEqualTo(Rule.TIMEOUT);
    }

    private URI serving(ServerSocket socket, String answer) {
        service = StallingService.start(socket, answer);
        return service.url("https");
    }

    /** Runs {@code work} on a new platform or virtual thread; fails if it has not ended after 10 s. */
    private static <T> T ends(boolean virtual, Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        (virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon()).start(task);
        return task.get(10, TimeUnit.SECONDS);
    }
}
