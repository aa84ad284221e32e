package dev.keyway.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The RFC 6749 §4.1.1 authorization request URL, built with Nimbus {@link AuthorizationRequest}.
 *
 * <p>Parameters are percent-encoded with a space as {@code %20} (never {@code +}, which some providers read as a
 * literal plus) and a literal {@code +} as {@code %2B}; scopes are joined with the configured separator, which is
 * encoded like any other character ({@code ,} → {@code %2C}), except {@code +}: providers that document
 * {@code scope=public+read_user} mean a form-encoded space, so the scopes are encoded one by one and joined by a raw
 * {@code +} (a pushed request's form says the same: the scopes are sent space-separated, which a form encodes as
 * {@code +}). A query already present in the configured URL is kept byte for byte, the request's parameters follow
 * it, then the extra parameters in their configured order.
 */
public final class AuthorizationUrl {

    /** The separator that means "a space, written as a raw plus" (what a form decoder reads as a space). */
    static final String PLUS = "+";
    private static final List<String> ORDER = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "code_challenge", "code_challenge_method", "nonce", "resource");

    private AuthorizationUrl() {
    }

    /**
     * @param state the one-time CSRF value (RFC 9700 §4.7)
     * @param pkce  null turns PKCE off (per-connection opt-out for broken providers)
     */
    public static URI build(AuthorizationSettings s, String state, Pkce pkce) {
        return build(s, state, pkce, null);
    }

    /** @param nonce null: none sent (OpenID Connect only, when {@code openid} is asked for) */
    public static URI build(AuthorizationSettings s, String state, Pkce pkce, String nonce) {
        Map<String, List<String>> params = request(s, state, pkce, nonce).toParameters();
        List<String> pairs = new ArrayList<>();
        Stream.concat(ORDER.stream(), s.extraParams().keySet().stream()).distinct().forEach(name ->
                params.getOrDefault(name, List.of()).forEach(value -> pairs.add(Forms.encodeQueryComponent(name) + "="
                        + ("scope".equals(name) && PLUS.equals(s.scopeSeparator()) ? plusJoined(value)
                        : Forms.encodeQueryComponent(value)))));
        return withQuery(s.authorizationUrl(), pairs);
    }

    /**
     * Where the browser goes after a pushed request (RFC 9126 §4): only {@code client_id} and {@code request_uri},
     * after any query already present in the configured URL.
     */
    public static URI pushed(URI authorizationUrl, String clientId, URI requestUri) {
        return withQuery(authorizationUrl, List.of("client_id=" + Forms.encodeQueryComponent(clientId),
                "request_uri=" + Forms.encodeQueryComponent(requestUri.toString())));
    }

    /** The Nimbus authorization request: what the URL carries, or what a pushed request posts. */
    static AuthorizationRequest request(AuthorizationSettings s, String state, Pkce pkce, String nonce) {
        ClientSettings.requireText(state, "state");
        AuthorizationRequest.Builder b = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(s.clientId()))
                .endpointURI(s.authorizationUrl())
                .redirectionURI(s.redirectUri())
                .state(new State(state));
        if (!s.scopes().isEmpty()) {
            b.scope(scope(s.scopes(), s.scopeSeparator()));
        }
        if (pkce != null) {
            b.codeChallenge(new CodeVerifier(pkce.verifier()), CodeChallengeMethod.S256);
        }
        if (!s.resources().isEmpty()) {
            b.resources(Resources.array(s.resources()));
        }
        s.extraParams().forEach((name, value) -> b.customParameter(name, value));
        if (nonce != null) {
            b.customParameter("nonce", nonce); // Keyway's own wins over an extra parameter of that name
        }
        return b.build();
    }

    private static URI withQuery(URI url, List<String> pairs) {
        String base = url.toString();
        String glue = url.getRawQuery() == null ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return URI.create(base + glue + String.join("&", pairs));
    }

    /**
     * Space-separated scopes go through Nimbus {@link Scope}, and so do plus-separated ones (a space that the URL
     * and forms write as {@code +}); any other separator is joined into one value.
     */
    private static Scope scope(List<String> scopes, String separator) {
        List<String> distinct = scopes.stream().distinct().toList();
        return " ".equals(separator) || PLUS.equals(separator) ? new Scope(distinct.toArray(String[]::new))
                : new Scope(String.join(separator, distinct));
    }

    /** Space-separated scopes, each percent-encoded, joined by a raw {@code +}. */
    private static String plusJoined(String spaceSeparated) {
        return Stream.of(spaceSeparated.split(" ")).filter(v -> !v.isEmpty()).map(Forms::encodeQueryComponent)
                .collect(Collectors.joining("+"));
    }
}
