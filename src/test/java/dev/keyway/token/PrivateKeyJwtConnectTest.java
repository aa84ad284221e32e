package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import dev.keyway.crypto.SecretBox;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.ConnectKeyway;
import dev.keyway.testing.Connections;
import dev.keyway.testing.FakeMetadataServer;
import dev.keyway.testing.LogCapture;
import dev.keyway.testing.Operator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * private_key_jwt through the whole life of an authorization-code connection against mock-oauth2-server: code
 * exchange, refresh and revocation each carry a new assertion; no log line holds the private key; discovery does not
 * switch a connection with a secret to private_key_jwt because the server advertises it first.
 */
class PrivateKeyJwtConnectTest {
    @RegisterExtension
    static final ConnectKeyway keyway = new ConnectKeyway();
    static final AuthServer as = keyway.as();
    final Api api = keyway.api();
    final Operator operator = keyway.operator();

    static List<String> assertionsSentTo(List<RecordedRequest> requests, String path) {
        return requests.stream().filter(r -> r.getPath().contains(path)).map(r -> {
            String form = r.getBody().readUtf8();
            for (String pair : form.split("&")) {
                if (pair.startsWith("client_assertion=")) {
                    return URLDecoder.decode(pair.substring("client_assertion=".length()), StandardCharsets.UTF_8);
                }
            }
            return "none in " + form;
        }).toList();
    }

    @Test
    void codeExchangeRefreshAndRevocationEachCarryANewAssertionAndNoLogHoldsTheKey() throws Exception {
        try (LogCapture logs = LogCapture.start(Level.DEBUG)) {
            String id = operator.create(Connections.against(as).without("clientSecret")
                    .with("clientAuthentication", "private_key_jwt").with("revocationUrl", as.revocationUrl()));
            byte[] sealed = keyway.keyway().database().jdbi().withHandle(h -> h.createQuery(
                    "select private_jwk from connection_keys where connection_id = :id").bind("id", id).mapTo(byte[].class).one());
            String privatePart = JWK.parse(new SecretBox(keyway.keyset()).open(sealed, id)).toJSONObject().get("d").toString();
            as.drainRequests();

            operator.connect(id);
            Api.Answer refreshed = api.post("/api/v1/connections/" + id + "/refresh", java.util.Map.of());
            List<RecordedRequest> tokenCalls = as.drainRequests();
            assertThat(api.delete("/api/v1/connections/" + id).status()).isEqualTo(204);
            List<RecordedRequest> revocations = as.drainRequests();

            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            List<String> assertions = new java.util.ArrayList<>(assertionsSentTo(tokenCalls, "/token"));
            assertions.addAll(assertionsSentTo(revocations, "/revoke"));
            assertThat(assertions).hasSize(3);
            List<String> jtis = new java.util.ArrayList<>();
            for (String a : assertions) {
                var claims = SignedJWT.parse(a).getJWTClaimsSet();
                assertThat(claims.getIssuer()).isEqualTo("keyway-client");
                assertThat(claims.getSubject()).isEqualTo("keyway-client");
                assertThat(claims.getAudience()).containsExactly(as.tokenUrl());
                jtis.add(claims.getJWTID());
            }
            assertThat(jtis).doesNotHaveDuplicates();

            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(privatePart));
        }
    }

    @Test
    void discoveryDoesNotSwitchAConnectionToPrivateKeyJwtThatTheServerAdvertises() {
        try (FakeMetadataServer fake = new FakeMetadataServer()) {
            String issuer = fake.url("");
            fake.serve("/.well-known/openid-configuration", """
                    {"issuer": "%s", "authorization_endpoint": "%s", "token_endpoint": "%s",
                     "response_types_supported": ["code"], "token_endpoint_auth_methods_supported": ["private_key_jwt", "client_secret_basic"]}
                    """.formatted(issuer, fake.url("/authorize"), fake.url("/token")));

            String id = operator.create(Connections.against(as).without("authorizationUrl").without("tokenUrl")
                    .with("issuer", issuer));

            Api.Answer c = api.get("/api/v1/connections/" + id);
            assertThat(c.text("tokenUrl")).as("discovered").isEqualTo(fake.url("/token"));
            assertThat(c.text("clientAuthentication")).isEqualTo("client_secret_basic");
            assertThat(c.json().get("clientJwksUrl").isNull()).isTrue();
        }
    }
}
