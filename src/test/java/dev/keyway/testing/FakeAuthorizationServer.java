package dev.keyway.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keyway.crypto.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An OpenID Connect authorization server on 127.0.0.1 for what mock-oauth2-server cannot do or be made to do wrong:
 * pushed authorization requests (RFC 9126), resource indicators, and ID tokens with a wrong iss, aud, nonce, expiry
 * or signature. It records every pushed, authorization and token request; {@code /authorize} answers at once with a
 * 302 back (code, state, iss); {@code /token} issues an ID token (RS256, its JWKS at {@code /jwks}) when
 * {@code openid} was asked for, shaped by {@link #idTokens}.
 */
public final class FakeAuthorizationServer implements AutoCloseable {

    /** One request received: its parameters (a name may repeat, e.g. {@code resource}) and Authorization header. */
    public record Received(Map<String, List<String>> params, String authorization) {
        public String param(String name) {
            List<String> v = params.get(name);
            return v == null || v.isEmpty() ? null : v.getFirst();
        }
    }

    private final HttpServer server;
    private final String base;
    private volatile RSAKey key;
    private final Map<String, Received> pushed = new ConcurrentHashMap<>();
    private final Map<String, Received> codes = new ConcurrentHashMap<>();
    private final Map<String, Received> refreshTokens = new ConcurrentHashMap<>();
    private final List<Received> parRequests = new CopyOnWriteArrayList<>();
    private final List<Received> authorizeRequests = new CopyOnWriteArrayList<>();
    private final List<Received> tokenRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile boolean requirePar;
    private volatile String parRefusal;
    private volatile UnaryOperator<JWTClaimsSet.Builder> idTokenClaims = UnaryOperator.identity();
    private volatile RSAKey signingKey;
    private volatile String hmacSecret;

    public FakeAuthorizationServer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("k1").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        signingKey = key;
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/.well-known/openid-configuration", x -> send(x, 200, metadata()));
        server.createContext("/jwks", x -> {
            jwksFetches.incrementAndGet();
            send(x, 200, new JWKSet(key.toPublicJWK()).toString());
        });
        server.createContext("/par", this::par);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    /** The issuer identifier: also the base of every endpoint. */
    public String issuer() {
        return base;
    }

    public String url(String path) {
        return base + path;
    }

    /** From now on the metadata says {@code require_pushed_authorization_requests} and /authorize wants a request_uri. */
    public FakeAuthorizationServer requirePar() {
        requirePar = true;
        return this;
    }

    /** The next pushed requests are refused with HTTP 400 and this OAuth error (null: accepted again). */
    public FakeAuthorizationServer refusePar(String error) {
        parRefusal = error;
        return this;
    }

    /** ID tokens issued from now on: the usual claims (iss, sub, aud, iat, exp, nonce, email, name), then this. */
    public FakeAuthorizationServer idTokens(UnaryOperator<JWTClaimsSet.Builder> claims) {
        idTokenClaims = claims;
        return this;
    }

    /** ID tokens are signed with another key than the published one (same kid). */
    public FakeAuthorizationServer signWithUnpublishedKey() throws JOSEException {
        signingKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        return this;
    }

    /** The server rotates its key: a new key id is published (alone) and signs from now on. */
    public FakeAuthorizationServer rotateKey() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("k" + Tokens.random(4)).generate();
        signingKey = key;
        return this;
    }

    /** ID tokens are signed HS256 with this client secret (OpenID Connect Core §10.1). */
    public FakeAuthorizationServer signWithClientSecret(String secret) {
        hmacSecret = secret;
        return this;
    }

    public List<Received> parRequests() {
        return List.copyOf(parRequests);
    }

    public List<Received> authorizeRequests() {
        return List.copyOf(authorizeRequests);
    }

    public List<Received> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** Opens Keyway's connect link, passes /authorize, and returns Keyway's answer to the way back. */
    public HttpResponse<String> connect(Browser browser, String connectUrl) {
        URI authorize = browser.openConnectLink(connectUrl);
        HttpResponse<String> back = browser.get(authorize.toString());
        if (back.statusCode() != 302) {
            throw new AssertionError("authorize answered " + back.statusCode() + ": " + back.body());
        }
        return browser.get(back.headers().firstValue("Location").orElseThrow());
    }

    private String metadata() {
        return "{\"issuer\":\"" + base + "\",\"authorization_endpoint\":\"" + base + "/authorize\","
                + "\"token_endpoint\":\"" + base + "/token\",\"jwks_uri\":\"" + base + "/jwks\","
                + "\"pushed_authorization_request_endpoint\":\"" + base + "/par\","
                + "\"require_pushed_authorization_requests\":" + requirePar + ","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    private void par(HttpExchange x) throws IOException {
        Received r = received(x, body(x));
        parRequests.add(r);
        if (parRefusal != null) {
            send(x, 400, "{\"error\":\"" + parRefusal + "\",\"error_description\":\"scripted refusal\"}");
            return;
        }
        String requestUri = "urn:ietf:params:oauth:request_uri:" + Tokens.random(16);
        pushed.put(requestUri, r);
        send(x, 201, "{\"request_uri\":\"" + requestUri + "\",\"expires_in\":60}");
    }

    private void authorize(HttpExchange x) throws IOException {
        Received query = received(x, x.getRequestURI().getRawQuery());
        authorizeRequests.add(query);
        Received r = query.param("request_uri") == null ? query : pushed.remove(query.param("request_uri"));
        if (r == null || requirePar && query.param("request_uri") == null) {
            send(x, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = Tokens.random(16);
        codes.put(code, r);
        x.getResponseHeaders().add("Location", r.param("redirect_uri") + "?code=" + enc(code) + "&state="
                + enc(r.param("state")) + "&iss=" + enc(base));
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private void token(HttpExchange x) throws IOException {
        Received r = received(x, body(x));
        tokenRequests.add(r);
        boolean code = "authorization_code".equals(r.param("grant_type"));
        Received authorization = code ? codes.remove(r.param("code")) : refreshTokens.get(String.valueOf(r.param("refresh_token")));
        if (authorization == null) {
            send(x, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String refreshToken = "rt-" + Tokens.random(8);
        refreshTokens.put(refreshToken, authorization);
        StringBuilder b = new StringBuilder("{\"access_token\":\"at-" + Tokens.random(8) + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3600,\"refresh_token\":\"" + refreshToken + "\"");
        String scope = authorization.param("scope");
        if (scope != null && List.of(scope.split(" ")).contains("openid")) {
            b.append(",\"id_token\":\"").append(idToken(authorization.param("client_id"),
                    code ? authorization.param("nonce") : null)).append('"');
        }
        send(x, 200, b.append('}').toString());
    }

    private String idToken(String clientId, String nonce) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer(base).subject("user-42").audience(clientId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("email", "ada@acme.test").claim("name", "Ada Lovelace");
        if (nonce != null) {
            c.claim("nonce", nonce);
        }
        try {
            JWTClaimsSet claims = idTokenClaims.apply(c).build();
            if (hmacSecret != null) {
                SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
                jwt.sign(new MACSigner(hmacSecret.getBytes(StandardCharsets.UTF_8)));
                return jwt.serialize();
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(HttpExchange x) throws IOException {
        return new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Received received(HttpExchange x, String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new Received(params, x.getRequestHeaders().getFirst("Authorization"));
    }

    private static void send(HttpExchange x, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, out.length);
        x.getResponseBody().write(out);
        x.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
