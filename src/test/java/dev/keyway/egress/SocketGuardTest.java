package dev.keyway.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The socket check on its own, under a plain OkHttp client without the URL pre-check: OkHttp
 * dials IP-literal URLs without asking any Dns, and the guarded socket still stops them.
 */
class SocketGuardTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void okHttpDiallingADecimalLoopbackLiteralIsStoppedAtTheSocket() {
        OkHttpClient bare = okHttp(List.of());

        IOException failure = catchThrowableOfType(IOException.class, () -> bare.newCall(
                new Request.Builder().url("http://2130706433:" + server.getPort() + "/").build()).execute());

        assertThat(failure).isInstanceOfSatisfying(EgressException.class,
                e -> assertThat(e.rule()).isEqualTo(Rule.LOOPBACK));
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void allowlistedRangePassesTheSocketCheck() throws Exception {
        server.enqueue(new MockResponse.Builder().body("ok").build());
        OkHttpClient bare = okHttp(List.of("127.0.0.1/32"));

        try (Response response = bare.newCall(
                new Request.Builder().url("http://127.1:" + server.getPort() + "/").build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    private static OkHttpClient okHttp(List<String> allowlist) {
        Gate gate = new Gate(Allowlist.parse(allowlist), host -> {
            throw new java.net.UnknownHostException(host);
        });
        return new OkHttpClient.Builder().proxy(Proxy.NO_PROXY).retryOnConnectionFailure(false)
                .socketFactory(new GuardedSocketFactory(gate, Connector.direct())).build();
    }
}
