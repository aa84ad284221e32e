package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAuthTest {

    @Test
    void wireNamesAreTheRfc8414Names() {
        assertThat(ClientAuth.CLIENT_SECRET_BASIC.wireName()).isEqualTo("client_secret_basic");
        assertThat(ClientAuth.CLIENT_SECRET_POST.wireName()).isEqualTo("client_secret_post");
        assertThat(ClientAuth.NONE.wireName()).isEqualTo("none");
        assertThat(ClientAuth.PRIVATE_KEY_JWT.wireName()).isEqualTo("private_key_jwt");
        assertThat(ClientAuth.CLIENT_SECRET_JWT.wireName()).isEqualTo("client_secret_jwt");
    }

    @Test
    void fromWireNameRoundTripsAndIgnoresCaseAndBlanks() {
        for (ClientAuth a : ClientAuth.values()) {
            assertThat(ClientAuth.fromWireName(a.wireName())).contains(a);
        }
        assertThat(ClientAuth.fromWireName(" Client_Secret_Post ")).contains(ClientAuth.CLIENT_SECRET_POST);
    }

    @Test
    void unknownOrNullWireNameIsEmpty() {
        assertThat(ClientAuth.fromWireName("tls_client_auth")).isEmpty();
        assertThat(ClientAuth.fromWireName(null)).isEmpty();
    }
}
