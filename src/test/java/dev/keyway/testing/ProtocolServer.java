package dev.keyway.testing;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A strict authorization server (GET /authorize without sign-in, POST /token for the code, refresh and client
 * credentials grants) and resource server (/api/…) on 127.0.0.1 (a JDK
 * HttpServer): checks client assertions against the JWKS URL Keyway serves (or HS256 with the secret), and DPoP proofs
 * with {@link ProofChecks}; asks for a nonce first when told to, then accepts proofs carrying it. Every refusal is
 * recorded with its reason.
 */
public final class ProtocolServer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final HttpServer server;
    private final ProofChecks checks = new ProofChecks();
    private final Map<String, String> issued = new ConcurrentHashMap<>(); // token -> jkt ("" for Bearer)
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final List<Map<String, String>> tokenForms = new CopyOnWriteArrayList<>();
    private volatile String jwksUrl;
    private volatile String hmacSecret;
    private volatile String audience;
    private volatile String clientId = "keyway-client";
    private volatile boolean dpop;
    private volatile boolean answerBearer;
    private volatile String tokenNonce;
    private volatile String resourceNonce;
    private volatile int resourceCalls;
    private volatile String resourceType = "application/json";
    private volatile String resourceBody;

    public ProtocolServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/token", this::token);
        server.createContext("/authorize", this::authorize);
        server.createContext("/api", this::resource);
        server.start();
    }

    /** Client assertions must verify against the keys at this URL (Keyway's jwksUrl). */
    public ProtocolServer jwks(String url) {
        this.jwksUrl = url;
        return this;
    }

    /** Client assertions must be HS256 with this secret. */
    public ProtocolServer hmac(String secret) {
        this.hmacSecret = secret;
        return this;
    }

    /** The aud client assertions must name (default: the token URL). */
    public ProtocolServer audience(String audience) {
        this.audience = audience;
        return this;
    }

    /** Token requests need a DPoP proof; with a nonce, proofs must carry it (the first one is refused with it). */
    public ProtocolServer dpop(String tokenNonce, String resourceNonce) {
        this.dpop = true;
        this.tokenNonce = tokenNonce;
        this.resourceNonce = resourceNonce;
        return this;
    }

    /** What an accepted resource request gets (default: a small JSON naming the token scheme). */
    public ProtocolServer resource(String contentType, String body) {
        this.resourceType = contentType;
        this.resourceBody = body;
        return this;
    }

    /** Issue Bearer tokens even to requests with a DPoP proof. */
    public ProtocolServer answerBearer() {
        this.answerBearer = true;
        return this;
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** GET: redirects at once to {@code redirect_uri} with a code and the state (no sign-in page). */
    public String authorizationUrl() {
        return base() + "/authorize";
    }

    public String tokenUrl() {
        return base() + "/token";
    }

    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    public List<Map<String, String>> tokenForms() {
        return List.copyOf(tokenForms);
    }

    public int tokensIssued() {
        return issued.size();
    }

    /** Resource requests answered 200. */
    public int resourceCalls() {
        return resourceCalls;
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> form = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        tokenForms.add(form);
        String why = clientAuth(form);
        if (why != null) {
            refuse(x, 401, "invalid_client", why, null);
            return;
        }
        String jkt = "";
        if (dpop) {
            ProofChecks.Proof p = checks.dpop(x.getRequestHeaders().getFirst("DPoP"), "POST", tokenUrl(), tokenNonce, null);
            if (p.nonceMissing()) {
                refuse(x, 400, "use_dpop_nonce", p.error(), tokenNonce);
                return;
            }
            if (!p.ok()) {
                refuse(x, 400, "invalid_dpop_proof", p.error(), null);
                return;
            }
            jkt = answerBearer ? "" : p.jkt();
        }
        String grant = String.valueOf(form.get("grant_type"));
        if (grant.equals("refresh_token") && !refreshTokens.contains(String.valueOf(form.get("refresh_token")))) {
            refuse(x, 400, "invalid_grant", "unknown refresh token", null);
            return;
        }
        String token = "at-" + UUID.randomUUID();
        issued.put(token, jkt);
        String refresh = grant.equals("client_credentials") ? "" : ",\"refresh_token\":\"" + newRefreshToken() + "\"";
        send(x, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"" + (jkt.isEmpty() ? "Bearer" : "DPoP")
                + "\",\"expires_in\":3600" + refresh + "}", Map.of());
    }

    private String newRefreshToken() {
        String rt = "rt-" + UUID.randomUUID();
        refreshTokens.add(rt);
        return rt;
    }

    private void authorize(HttpExchange x) throws IOException {
        Map<String, String> q = form(x.getRequestURI().getRawQuery());
        x.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=c-" + UUID.randomUUID() + "&state="
                + java.net.URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private String clientAuth(Map<String, String> form) {
        if (jwksUrl == null && hmacSecret == null) {
            return null;
        }
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))
                || form.get("client_assertion") == null || form.containsKey("client_secret")) {
            return "no client assertion (or a client secret next to it)";
        }
        JWKSet keys = null;
        if (hmacSecret == null) {
            try {
                keys = JWKSet.parse(CLIENT.send(HttpRequest.newBuilder(URI.create(jwksUrl)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException | InterruptedException | java.text.ParseException e) {
                return "JWKS not readable: " + e;
            }
        }
        return checks.assertion(form.get("client_assertion"), keys, hmacSecret, clientId,
                audience != null ? audience : tokenUrl());
    }

    private void resource(HttpExchange x) throws IOException {
        String auth = String.valueOf(x.getRequestHeaders().getFirst("Authorization"));
        String url = base() + x.getRequestURI().getRawPath();
        if (auth.startsWith("Bearer ") && "".equals(issued.get(auth.substring(7)))) {
            resourceCalls++;
            send(x, 200, "{\"ok\":true,\"scheme\":\"Bearer\"}", Map.of());
            return;
        }
        String token = auth.startsWith("DPoP ") ? auth.substring(5) : null;
        String jkt = token == null ? null : issued.get(token);
        if (jkt == null || jkt.isEmpty()) {
            refuse(x, 401, "invalid_token", "not a DPoP token issued here: " + auth.split(" ")[0], null);
            return;
        }
        ProofChecks.Proof p = checks.dpop(x.getRequestHeaders().getFirst("DPoP"), x.getRequestMethod(), url, resourceNonce, token);
        if (p.nonceMissing()) {
            refusals.add("resource: use_dpop_nonce");
            send(x, 401, "", Map.of("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\"", "DPoP-Nonce", resourceNonce));
            return;
        }
        if (!p.ok() || !jkt.equals(p.jkt())) {
            refuse(x, 401, "invalid_dpop_proof", p.ok() ? "proof key is not the token's key" : p.error(), null);
            return;
        }
        resourceCalls++;
        if (resourceBody != null) {
            byte[] out = resourceBody.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", resourceType);
            x.sendResponseHeaders(200, out.length);
            x.getResponseBody().write(out);
            x.close();
            return;
        }
        send(x, 200, "{\"ok\":true,\"scheme\":\"DPoP\"}", Map.of());
    }

    private void refuse(HttpExchange x, int status, String error, String why, String nonce) throws IOException {
        refusals.add(error + ": " + why);
        Map<String, String> headers = new HashMap<>();
        if (nonce != null) {
            headers.put("DPoP-Nonce", nonce);
        }
        send(x, status, "{\"error\":\"" + error + "\"}", headers);
    }

    private static void send(HttpExchange x, int status, String json, Map<String, String> headers) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        headers.forEach((n, v) -> x.getResponseHeaders().add(n, v));
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            x.getResponseBody().write(out);
        }
        x.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
