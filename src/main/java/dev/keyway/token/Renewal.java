package dev.keyway.token;

import dev.keyway.connection.Grant;
import dev.keyway.connection.OAuth2Settings;
import dev.keyway.oauth.ClientCredentialsGrant;
import dev.keyway.oauth.ClientSettings;
import dev.keyway.oauth.GrantType;
import dev.keyway.oauth.OAuthRequest;
import dev.keyway.oauth.RefreshTokenGrant;

/**
 * How a connection gets its next access token, one implementation per grant type. {@link Refresher} does the rest
 * the same way for all of them: lock, re-read, send through the egress guard, store, classify failures.
 */
sealed interface Renewal {

    static Renewal of(GrantType grant) {
        return switch (grant) {
            case AUTHORIZATION_CODE -> new WithRefreshToken();
            case CLIENT_CREDENTIALS -> new WithClientCredentials();
        };
    }

    /** Whether a first token can be fetched with no grant stored (no Connect step). */
    boolean firstTokenOnDemand();

    /**
     * The token request that replaces {@code current} (null: none stored yet), or null when this grant has no way to
     * renew it (then {@link #stuck()} says why).
     */
    OAuthRequest request(ClientSettings client, OAuth2Settings settings, Grant current);

    /** Why {@link #request} gave nothing. */
    String stuck();

    /** Authorization code: RFC 6749 §6 with the stored refresh token. */
    record WithRefreshToken() implements Renewal {
        @Override
        public boolean firstTokenOnDemand() {
            return false;
        }

        @Override
        public OAuthRequest request(ClientSettings client, OAuth2Settings settings, Grant current) {
            return current == null || current.refreshToken() == null ? null
                    : RefreshTokenGrant.request(client, current.refreshToken(), settings.resources());
        }

        @Override
        public String stuck() {
            return "the access token expired and the service issued no refresh token: connect again";
        }
    }

    /** Client credentials: RFC 6749 §4.4, a new token asked for with the connection's scopes. */
    record WithClientCredentials() implements Renewal {
        @Override
        public boolean firstTokenOnDemand() {
            return true;
        }

        @Override
        public OAuthRequest request(ClientSettings client, OAuth2Settings settings, Grant current) {
            return ClientCredentialsGrant.request(client, settings.scopes(), settings.resources());
        }

        @Override
        public String stuck() {
            return "no token request can be made";
        }
    }
}
