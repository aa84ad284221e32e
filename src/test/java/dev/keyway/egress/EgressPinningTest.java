package dev.keyway.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The address that was checked is the address that is dialled. Scripted DNS, recording connector. */
class EgressPinningTest {
    private final ScriptedResolver resolver = new ScriptedResolver();
    private final RecordingConnector connector = new RecordingConnector();

    @Test
    void nameResolvingToPublicAddressIsAllowedAndDialledAtExactlyThatAddress() {
        resolver.answer("api.example", "8.8.8.8");

        IOException failure = send(client(EgressPolicy.defaults()), "https://api.example/token");

        assertThat(failure).isNotInstanceOf(EgressException.class);
        assertThat(connector.attempts()).containsExactly(EgressDecisionTest.socket("8.8.8.8", 443));
        assertThat(resolver.queries()).containsExactly("api.example");
    }

    @Test
    void rebindingNameIsDialledAtTheValidatedPublicAddressNeverAtTheLaterPrivateOne() {
        resolver.answer("rebind.example", "8.8.8.8").answer("rebind.example", "127.0.0.1");
        EgressClient client = client(EgressPolicy.defaults());

        IOException first = send(client, "http://rebind.example/");
        IOException second = send(client, "http://rebind.example/");

        assertThat(first).isNotInstanceOf(EgressException.class);
        assertThat(connector.attempts()).containsExactly(EgressDecisionTest.socket("8.8.8.8", 80));
        assertThat(second).isInstanceOfSatisfying(EgressException.class,
                e -> assertThat(e.rule()).isEqualTo(Rule.LOOPBACK));
        assertThat(resolver.queries()).containsExactly("rebind.example", "rebind.example");
    }

    @Test
    void everyResolvedAddressIsCheckedNotOnlyTheFirst() {
        resolver.answer("mixed.example", "8.8.4.4", "8.8.8.8", "192.168.0.10");

        IOException failure = send(client(EgressPolicy.defaults()), "http://mixed.example/");

        assertThat(failure).isInstanceOfSatisfying(EgressException.class,
                e -> assertThat(e.rule()).isEqualTo(Rule.PRIVATE));
        assertThat(connector.attempts()).isEmpty();
    }

    @Test
    void allowlistedRangePermitsPrivateLiteralAndNeighbourStaysRefused() {
        EgressClient client = client(EgressPolicy.defaults().withAllowlist(List.of("10.20.0.0/16")));

        IOException inside = send(client, "http://10.20.1.2:8080/");
        IOException outside = send(client, "http://10.21.1.2:8080/");

        assertThat(inside).isNotInstanceOf(EgressException.class);
        assertThat(outside).isInstanceOfSatisfying(EgressException.class,
                e -> assertThat(e.rule()).isEqualTo(Rule.PRIVATE));
        assertThat(connector.attempts()).containsExactly(EgressDecisionTest.socket("10.20.1.2", 8080));
    }

    @Test
    void allowlistedNamePermitsItsPrivateAddressesButNotTheSameAddressUnderAnotherName() {
        resolver.answer("vault.internal", "10.9.9.9").answer("other.example", "10.9.9.9");
        EgressClient client = client(EgressPolicy.defaults().withAllowlist(List.of("VAULT.internal")));

        IOException named = send(client, "http://vault.internal/");
        IOException other = send(client, "http://other.example/");
        IOException literal = send(client, "http://10.9.9.9/");

        assertThat(named).isNotInstanceOf(EgressException.class);
        assertThat(other).isInstanceOf(EgressException.class);
        assertThat(literal).isInstanceOf(EgressException.class);
        assertThat(connector.attempts()).containsExactly(EgressDecisionTest.socket("10.9.9.9", 80));
    }

    @Test
    void allowlistedNameAlsoLiftsTheMetadataDenylist() {
        resolver.answer("metadata.google.internal", "8.8.8.8");
        EgressClient client = client(EgressPolicy.defaults().withAllowlist(List.of("metadata.google.internal")));

        assertThat(send(client, "http://metadata.google.internal/")).isNotInstanceOf(EgressException.class);
        assertThat(connector.attempts()).containsExactly(EgressDecisionTest.socket("8.8.8.8", 80));
    }

    @Test
    void socketCheckRefusesLoopbackEvenWhenCalledDirectly() throws Exception {
        Gate gate = new Gate(Allowlist.parse(List.of()), resolver);
        var socket = new GuardedSocketFactory(gate, connector).createSocket();

        EgressException refused = catchThrowableOfType(EgressException.class,
                () -> socket.connect(EgressDecisionTest.socket("127.0.0.1", 9), 1000));

        assertThat(refused.rule()).isEqualTo(Rule.LOOPBACK);
        assertThat(connector.attempts()).isEmpty();
        socket.close();
    }

    @Test
    void dnsStepReportsRefusalAsCauseOfUnknownHostException() {
        GuardedDns dns = new GuardedDns(new Gate(Allowlist.parse(List.of()), resolver));

        UnknownHostException failure = catchThrowableOfType(UnknownHostException.class,
                () -> dns.lookup("0x7f000001"));

        assertThat(failure.getCause()).isInstanceOfSatisfying(EgressException.class,
                e -> assertThat(e.rule()).isEqualTo(Rule.LOOPBACK));
        assertThat(resolver.queries()).isEmpty();
    }

    @Test
    void unresolvedSocketAddressIsRefusedWithoutLookup() throws Exception {
        Gate gate = new Gate(Allowlist.parse(List.of()), resolver);
        var socket = new GuardedSocketFactory(gate, connector).createSocket();

        EgressException refused = catchThrowableOfType(EgressException.class,
                () -> socket.connect(InetSocketAddress.createUnresolved("example.com", 80), 1000));

        assertThat(refused.rule()).isEqualTo(Rule.UNRESOLVABLE);
        socket.close();
    }

    private EgressClient client(EgressPolicy policy) {
        return new EgressClient(policy, resolver, connector);
    }

    private static IOException send(EgressClient client, String url) {
        return catchThrowableOfType(IOException.class, () -> client.send(EgressRequest.get(URI.create(url))));
    }
}
