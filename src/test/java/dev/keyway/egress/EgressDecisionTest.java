package dev.keyway.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decisions without the network: DNS is scripted and the connector records the address it was
 * asked to dial, then throws. Nothing here opens a socket.
 */
class EgressDecisionTest {
    private final ScriptedResolver resolver = new ScriptedResolver()
            .answer("private.example", "10.1.2.3")
            .answer("loopback6.example", "::1")
            .answer("mixed.example", "8.8.8.8", "10.0.0.1")
            .answer("mapped.example", "::ffff:169.254.169.254")
            .answer("metadata.example", "169.254.169.254")
            .answer("localhost.", "127.0.0.1")
            .answer("empty.example");
    private final RecordingConnector connector = new RecordingConnector();
    private final EgressClient client = new EgressClient(EgressPolicy.defaults(), resolver, connector);

    @ParameterizedTest(name = "{0} is refused by {1}")
    @CsvSource({
        "http://10.0.0.1/, PRIVATE", "http://172.16.5.4/, PRIVATE", "https://192.168.1.1/, PRIVATE",
        "http://169.254.169.254/latest/meta-data/, HOST_DENIED", "http://169.254.1.1/, LINK_LOCAL",
        "http://100.64.0.1/, CGNAT", "http://100.100.100.200/, HOST_DENIED",
        "http://[fc00::1]/, UNIQUE_LOCAL", "http://[fd12::1]/, UNIQUE_LOCAL", "http://[fe80::1]/, LINK_LOCAL",
        "http://[ff02::1]/, MULTICAST", "http://[fd00:ec2::254]/, HOST_DENIED",
        "http://[::ffff:10.0.0.1]/, PRIVATE", "http://[::ffff:169.254.169.254]/, HOST_DENIED",
        "http://[::10.0.0.1]/, PRIVATE", "http://[64:ff9b::a00:1]/, PRIVATE", "http://[2002:a00:1::]/, PRIVATE",
        "http://224.0.0.1/, MULTICAST", "http://255.255.255.255/, RESERVED", "http://240.0.0.1/, RESERVED",
        "http://198.18.0.1/, RESERVED", "http://0.1.2.3/, UNSPECIFIED", "http://[::]/, UNSPECIFIED",
        "http://10.1/, PRIVATE", "http://167772161/, PRIVATE", "http://0xa000001/, PRIVATE",
        "http://012.0.0.1/, PRIVATE", "http://0177.0.0.1/, LOOPBACK", "http://1.2.3.4.5/, UNRESOLVABLE",
        "http://0xa9.254.169.254/, HOST_DENIED",
    })
    void ipLiteralsAreRefusedBeforeAnyLookupOrConnect(String url, Rule rule) {
        assertRefused(url, rule);
        assertThat(resolver.queries()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is refused by {1}")
    @CsvSource({
        "http://metadata.google.internal/computeMetadata/v1/, HOST_DENIED",
        "http://METADATA.GOOGLE.INTERNAL./, HOST_DENIED", "http://metadata/, HOST_DENIED",
        "http://metadata.goog/, HOST_DENIED", "http://instance-data/, HOST_DENIED",
        "http://instance-data.ec2.internal/, HOST_DENIED",
        "ftp://8.8.8.8/, SCHEME", "file:///etc/passwd, SCHEME", "gopher://8.8.8.8/, SCHEME",
        "mailto:a@example.com, SCHEME", "/relative/path, SCHEME",
    })
    void metadataNamesAndOtherSchemesAreRefusedWithoutLookup(String url, Rule rule) {
        assertRefused(url, rule);
        assertThat(resolver.queries()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is refused by {1}")
    @CsvSource({
        "http://private.example/, PRIVATE", "http://loopback6.example/, LOOPBACK",
        "http://mixed.example/, PRIVATE", "http://mapped.example/, HOST_DENIED",
        "http://metadata.example/, HOST_DENIED", "http://unknown.example/, UNRESOLVABLE",
        "http://empty.example/, UNRESOLVABLE", "http://LocalHost./, LOOPBACK",
    })
    void namesAreRefusedWhenAnyResolvedAddressIsRefused(String url, Rule rule) {
        assertRefused(url, rule);
        assertThat(resolver.queries()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} would be dialled at {1}:{2}")
    @CsvSource({"http://8.8.8.8/, 8.8.8.8, 80", "https://8.8.8.8:8443/x, 8.8.8.8, 8443",
        "http://[2606:4700:4700::1111]/, 2606:4700:4700:0:0:0:0:1111, 80"})
    void publicLiteralsPassTheGuardAndReachTheConnectorExactly(String url, String address, int port) {
        assertPassedToConnector(url);
        assertThat(connector.attempts()).singleElement().satisfies(a -> {
            assertThat(a.getAddress().getHostAddress()).isEqualTo(address);
            assertThat(a.getPort()).isEqualTo(port);
        });
    }

    @ParameterizedTest(name = "{0} is refused by {1} every time, streamed or not")
    @CsvSource({"http://10.0.0.1/, PRIVATE", "http://metadata/, HOST_DENIED", "http://private.example/x, PRIVATE"})
    void rememberedHostChecksNeitherSkipDnsNorRememberRefusals(String url, Rule rule) {
        for (int i = 0; i < 3; i++) {
            assertRefused(url, rule);
            EgressException streamed = catchThrowableOfType(EgressException.class,
                    () -> client.open(EgressRequest.get(URI.create(url)), null, -1).close());
            assertThat(streamed).as(url).isNotNull();
            assertThat(streamed.rule()).as(url).isEqualTo(rule);
        }
        // a host name passes the URL check (remembered), but is still resolved and checked on every connection
        assertThat(resolver.queries()).hasSize(url.contains("example") ? 6 : 0);
        assertThat(connector.attempts()).isEmpty();
    }

    private void assertRefused(String url, Rule rule) {
        EgressException refused = catchThrowableOfType(EgressException.class,
                () -> client.send(EgressRequest.get(URI.create(url))));
        assertThat(refused).as(url).isNotNull();
        assertThat(refused.rule()).as(url).isEqualTo(rule);
        assertThat(connector.attempts()).isEmpty();
    }

    private void assertPassedToConnector(String url) {
        Throwable failure = catchThrowableOfType(java.io.IOException.class,
                () -> client.send(EgressRequest.get(URI.create(url))));
        assertThat(failure).isNotNull().isNotInstanceOf(EgressException.class);
    }

    static InetSocketAddress socket(String literal, int port) {
        return new InetSocketAddress(Cidr.literal(literal).orElseThrow(), port);
    }
}
