package dev.keyway.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.connection.ConnectionEvents;
import dev.keyway.connection.ConnectionRepository;
import dev.keyway.connection.GrantRepository;
import dev.keyway.crypto.SecretBox;
import dev.keyway.egress.EgressClient;
import dev.keyway.egress.EgressPolicy;
import dev.keyway.store.Json;
import dev.keyway.token.TokenEndpoint;
import dev.keyway.token.TokenService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A token service of its own over a running Keyway's database (loopback token endpoints allowed): what another
 * instance does, or a sweep a test drives by hand.
 */
public record SecondTokenService(TokenService tokens, GrantRepository grants, ConnectionRepository connections) {

    public static SecondTokenService over(KeywayUnderTest keyway, Clock clock) {
        Jdbi jdbi = keyway.keyway().database().jdbi();
        SecretBox box = new SecretBox(keyway.keyset());
        ObjectMapper json = Json.mapper();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        TokenEndpoint endpoint = new TokenEndpoint(new EgressClient(EgressPolicy.defaults().withAllowlist(List.of("127.0.0.1"))),
                Duration.ofSeconds(10), metrics);
        ConnectionRepository connections = new ConnectionRepository(jdbi, box, json);
        GrantRepository grants = new GrantRepository(jdbi, box, json);
        return new SecondTokenService(new TokenService(jdbi, connections, grants, new ConnectionEvents(jdbi, clock), endpoint,
                clock, Duration.ofSeconds(60), metrics), grants, connections);
    }
}
