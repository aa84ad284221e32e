/**
 * The OAuth 2.0 protocol layer over Nimbus: builds requests ({@link dev.keyway.oauth.OAuthRequest}) and parses
 * responses ({@link dev.keyway.oauth.OAuthResponse}); it never sends anything (Keyway's egress client does).
 *
 * <p>Depends on the JDK, Nimbus and Jackson only. Decisions:
 * <ul>
 * <li>Reserved parameters in extra settings are refused with {@code IllegalArgumentException} when the settings
 *     record is built ({@link dev.keyway.oauth.ClientSettings#RESERVED_TOKEN_PARAMS},
 *     {@link dev.keyway.oauth.AuthorizationSettings#RESERVED_PARAMS}), never silently dropped.</li>
 * <li>Token types are normalised ({@code bearer}/{@code BearerToken} → {@code Bearer}), see
 *     {@link dev.keyway.oauth.TokenResponses}.</li>
 * <li>A 2xx without an access token or with an unreadable body is TRANSIENT; any non-retryable 4xx is
 *     NEEDS_RECONNECT even with an unreadable body; retryable statuses win over error codes.</li>
 * <li>Revocation counts any 2xx as success.</li>
 * </ul>
 */
package dev.keyway.oauth;
