package dev.keyway.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end with an empty allowlist, system DNS and real sockets: every spelling of the local
 * machine is refused, and the server on 127.0.0.1 never sees a request. Only loopback forms here,
 * so even a failing guard could not send traffic elsewhere.
 */
class EgressLoopbackRefusalTest {
    private final MockWebServer server = new MockWebServer();
    private final EgressClient client = new EgressClient(EgressPolicy.defaults());

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "http://{0}:port/ is refused by {1}")
    @CsvSource({
        "127.0.0.1, LOOPBACK", "127.1, LOOPBACK", "2130706433, LOOPBACK", "0x7f000001, LOOPBACK",
        "017700000001, LOOPBACK", "0x7f.0.0.1, LOOPBACK", "127.000.000.001, LOOPBACK", "localhost, LOOPBACK",
        "[::1], LOOPBACK", "[::ffff:127.0.0.1], LOOPBACK", "[::ffff:7f00:1], LOOPBACK",
        "[::127.0.0.1], LOOPBACK", "%31%32%37.0.0.1, LOOPBACK", "0.0.0.0, UNSPECIFIED", "0, UNSPECIFIED",
        "[::], UNSPECIFIED",
    })
    void loopbackSpellingIsRefusedAndServerSeesNoRequest(String host, Rule rule) {
        URI url = URI.create("http://" + host + ":" + server.getPort() + "/token?secret=x");

        EgressException refused = catchThrowableOfType(EgressException.class,
                () -> client.send(EgressRequest.get(url).withHeader("Authorization", "Bearer s3cr3t")));

        assertThat(refused).as(host).isNotNull();
        assertThat(refused.rule()).isEqualTo(rule);
        assertThat(refused.getMessage()).startsWith(rule.code()).doesNotContain("s3cr3t", "secret=x");
        assertThat(server.getRequestCount()).isZero();
    }
}
