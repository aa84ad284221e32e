package dev.keyway.testing;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A real authorization server in the test JVM (mock-oauth2-server) on 127.0.0.1, with its interactive
 * login form, so tests sign in the way an operator does.
 */
public final class AuthServer implements AutoCloseable {
    public static final String ISSUER = "keyway-test";

    private final MockOAuth2Server server;

    public AuthServer() {
        server = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public MockOAuth2Server server() {
        return server;
    }

    public String authorizationUrl() {
        return server.authorizationEndpointUrl(ISSUER).toString();
    }

    public String tokenUrl() {
        return server.tokenEndpointUrl(ISSUER).toString();
    }

    public String revocationUrl() {
        return server.revocationEndpointUrl(ISSUER).toString();
    }

    public String issuer() {
        return server.issuerUrl(ISSUER).toString();
    }

    /** Every request the server received since the last call, oldest first. */
    public List<RecordedRequest> drainRequests() {
        List<RecordedRequest> out = new ArrayList<>();
        while (true) {
            try {
                RecordedRequest r = server.takeRequest(200, TimeUnit.MILLISECONDS);
                if (r == null) {
                    return out;
                }
                out.add(r);
            } catch (RuntimeException none) { // it throws when the queue stays empty
                return out;
            }
        }
    }

    /** How many requests reached the token endpoint since the last drain. */
    public long tokenRequests() {
        return drainRequests().stream().filter(r -> r.getPath() != null && r.getPath().startsWith("/" + ISSUER + "/token")).count();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
