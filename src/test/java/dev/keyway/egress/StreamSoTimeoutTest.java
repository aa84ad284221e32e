package dev.keyway.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The streaming client's sockets have no SO_TIMEOUT while an exchange reads its answer (a timed
 * park per read on a virtual thread), on plain and on TLS sockets alike; okio's timeout bounds the
 * reads instead ({@link StreamIdleTimeoutTest}, {@link TlsStreamIdleTimeoutTest}). Seen by a network
 * interceptor placed after the streaming client's own.
 */
class StreamSoTimeoutTest {
    private static final Duration IDLE = Duration.ofMillis(300);
    private static final String ANSWER = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    private final List<Integer> seen = new CopyOnWriteArrayList<>();
    private StallingService service;

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void whenAPlainExchangeReadsItsAnswerThenTheSocketHasNoSoTimeout() throws Exception {
        service = StallingService.start(new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")), ANSWER);
        call(new OkHttpClient(), "http");
        assertThat(seen).containsExactly(0);
    }

    @Test
    void whenATlsExchangeReadsItsAnswerThenTheSocketHasNoSoTimeout() throws Exception {
        SelfSignedTls tls = SelfSignedTls.forLoopback();
        service = StallingService.start(tls.listen(), ANSWER);
        call(new OkHttpClient.Builder().sslSocketFactory(Tls.socketFactory(tls.trust()), tls.trust()).build(), "https");
        assertThat(seen).containsExactly(0);
    }

    private void call(OkHttpClient guarded, String scheme) throws Exception {
        OkHttpClient client = new Streams(guarded).withTimeouts(IDLE).newBuilder().addNetworkInterceptor(chain -> {
            Response response = chain.proceed(chain.request());
            seen.add(chain.connection().socket().getSoTimeout());
            return response;
        }).build();
        try (Response response = client.newCall(new Request.Builder().url(service.url(scheme).toString()).build())
                .execute()) {
            assertThat(response.body().string()).isEqualTo("ok");
        }
    }
}
