package dev.keyway.web.api;

import static dev.keyway.testing.Urls.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.Grant;
import dev.keyway.connection.GrantRepository;
import dev.keyway.crypto.SecretBox;
import dev.keyway.store.Json;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.ConnectKeyway;
import dev.keyway.testing.Connections;
import dev.keyway.testing.Operator;
import java.net.URI;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deleting a connection: its refresh token is revoked at the revocation URL when it has one, nothing is sent
 * when it has none, and the connection is gone.
 */
class ConnectionDeleteTest {
    @RegisterExtension
    static final ConnectKeyway keyway = new ConnectKeyway();
    static final AuthServer as = keyway.as();
    final Api api = keyway.api();
    final Operator operator = keyway.operator();

    @Test
    void deleteOfAConnectedConnectionRevokesItsRefreshTokenThenIsGone() {
        String id = operator.connected(Connections.against(as).with("revocationUrl", as.revocationUrl()));
        Grant grant = new GrantRepository(keyway.keyway().database().jdbi(), new SecretBox(keyway.keyset()), Json.mapper())
                .find(new ConnectionId(id)).orElseThrow();
        assertThat(grant.refreshToken()).isNotBlank();
        as.drainRequests();

        Api.Answer deleted = api.delete("/api/v1/connections/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        String revokePath = URI.create(as.revocationUrl()).getPath();
        List<RecordedRequest> revocations = as.drainRequests().stream().filter(r -> r.getPath().startsWith(revokePath)).toList();
        assertThat(revocations).hasSize(1);
        RecordedRequest revocation = revocations.getFirst();
        assertThat(revocation.getMethod()).isEqualTo("POST");
        Map<String, String> form = form(revocation.getBody().readUtf8());
        assertThat(form).containsEntry("token", grant.refreshToken()).containsEntry("token_type_hint", "refresh_token");
        assertThat(revocation.getHeader("Authorization")).startsWith("Basic ");
        assertThat(api.get("/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/connections/" + id + "/token").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/connections/" + id).status()).isEqualTo(404);
    }

    @Test
    void deleteWithoutRevocationUrlSendsNothingToTheService() {
        String id = operator.connected(Connections.against(as));
        as.drainRequests();

        assertThat(api.delete("/api/v1/connections/" + id).status()).isEqualTo(204);

        assertThat(as.drainRequests()).isEmpty();
        assertThat(api.get("/api/v1/connections/" + id).status()).isEqualTo(404);
    }
}
