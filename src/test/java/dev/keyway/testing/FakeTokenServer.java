package dev.keyway.testing;

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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small authorization server for provider quirks, on 127.0.0.1 (JDK {@code HttpServer}), one per test.
 *
 * <p><b>Connect.</b> {@code /authorize} answers at once (no login page) with a 302 to the {@code redirect_uri}
 * carrying a one-time code and the {@code state}; {@code /token} accepts that code once, checks the PKCE
 * verifier against the challenge when one was sent, and starts a new grant <em>family</em>.
 * {@link #connect(Browser, String)} walks a {@link Browser} through it.
 *
 * <p><b>Refresh.</b> Rotating ({@link #rotating()}): every refresh issues a new refresh token and accepts only
 * the latest; presenting an older one of the family is a replay and revokes the whole family (like Xero,
 * QuickBooks, Okta, Auth0 with reuse detection): that refresh and all later ones get {@code invalid_grant}.
 * Non-rotating ({@link #nonRotating()}): answers without {@code refresh_token} (like Google) and keeps
 * accepting the original one.
 *
 * <p><b>Scripting.</b> {@link #script(Reply...)} queues answers for the next refresh requests (they are
 * counted and recorded, but change no family); {@link #holdRefreshes()} makes refresh requests wait until
 * {@link #release()}, so that a test can have many callers pile up behind one refresh.
 */
public final class FakeTokenServer implements AutoCloseable {

    /** An answer of the token endpoint. */
    public record Reply(int status, String contentType, String body, Map<String, String> headers) {
        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, Map.of());
        }

        public static Reply error(int status, String error) {
            return json(status, "{\"error\":\"" + error + "\",\"error_description\":\"scripted " + error + "\"}");
        }

        public Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, contentType, body, Map.copyOf(h));
        }
    }

    /** One request the token endpoint received: its form and Authorization header. */
    public record TokenRequest(Map<String, String> form, String authorization) {
        public String grantType() {
            return form.get("grant_type");
        }

        public String refreshToken() {
            return form.get("refresh_token");
        }
    }

    /** The tokens of one Connect, and what became of them. */
    public static final class Family {
        final List<String> refreshTokens = new ArrayList<>();
        final List<String> accessTokens = new ArrayList<>();
        boolean revoked;

        /** Every refresh token issued, oldest first; the last is the only one accepted. */
        public synchronized List<String> refreshTokens() {
            return List.copyOf(refreshTokens);
        }

        public synchronized List<String> accessTokens() {
            return List.copyOf(accessTokens);
        }

        public synchronized String latestAccessToken() {
            return accessTokens.getLast();
        }

        public synchronized boolean revoked() {
            return revoked;
        }
    }

    private record Authorization(String challenge, String method) { }

    private final TokenFamilies families;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final String base;
    private final Map<String, Authorization> codes = new ConcurrentHashMap<>();
    private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final RefreshHold hold = new RefreshHold();

    /** How a provider lays out issued tokens; {@code refreshToken} and {@code expiresIn} may be null / 0. */
    public interface Shape {
        String body(String accessToken, String refreshToken, long expiresIn);
    }

    private FakeTokenServer(boolean rotating) {
        this.families = new TokenFamilies(rotating);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every refresh rotates the refresh token; a replayed one revokes the family. */
    public static FakeTokenServer rotating() {
        return new FakeTokenServer(true);
    }

    /** Refresh answers carry no refresh token; the first one stays valid. */
    public static FakeTokenServer nonRotating() {
        return new FakeTokenServer(false);
    }

    public String authorizationUrl() {
        return base + "/authorize";
    }

    public String tokenUrl() {
        return base + "/token";
    }

    /** The JSON body of an OAuth2 connection against this server. */
    public Map<String, Object> connection(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "oauth2");
        body.put("name", name);
        body.put("description", "against a fake token endpoint");
        body.put("clientId", "fake-client");
        body.put("clientSecret", "fake-client-secret");
        body.put("authorizationUrl", authorizationUrl());
        body.put("tokenUrl", tokenUrl());
        body.put("scopes", List.of("crm.read"));
        return body;
    }

    /** Opens Keyway's connect link, passes this server's authorize step, and returns Keyway's callback answer. */
    public HttpResponse<String> connect(Browser browser, String connectUrl) {
        URI authorize = browser.openConnectLink(connectUrl);
        if (!authorize.toString().startsWith(authorizationUrl())) {
            throw new AssertionError("Keyway sent the browser to " + authorize + ", not to " + authorizationUrl());
        }
        HttpResponse<String> back = browser.get(authorize.toString());
        if (back.statusCode() != 302) {
            throw new AssertionError("authorize answered " + back.statusCode() + ": " + back.body());
        }
        return browser.get(back.headers().firstValue("Location").orElseThrow());
    }

    /** Lifetime, in seconds, of the access tokens issued from now on (the default is one hour); 0: no expires_in. */
    public FakeTokenServer expiresIn(long seconds) {
        families.expiresIn(seconds);
        return this;
    }

    /** From now on Connect issues no refresh token (some services never do). */
    public FakeTokenServer withoutRefreshTokens() {
        families.withoutRefreshTokens();
        return this;
    }

    /** From now on issued tokens are laid out by {@code shape} (a provider quirk), not as RFC 6749 says. */
    public FakeTokenServer shaped(Shape shape) {
        families.shaped(shape);
        return this;
    }

    /** The next refresh requests get these answers, in order; then the normal behaviour resumes. */
    public void script(Reply... replies) {
        script.addAll(List.of(replies));
    }

    /** Refresh requests wait from now on until {@link #release()}. */
    public void holdRefreshes() {
        hold.hold();
    }

    public void release() {
        hold.release();
    }

    /** Refresh requests waiting behind {@link #holdRefreshes()}. */
    public int waitingRefreshes() {
        return hold.waiting();
    }

    public int tokenRequests() {
        return requests.size();
    }

    public int refreshRequests() {
        return (int) requests.stream().filter(r -> "refresh_token".equals(r.grantType())).count();
    }

    public List<TokenRequest> requests() {
        return List.copyOf(requests);
    }

    /** The grant families, one per Connect, oldest first. */
    public List<Family> families() {
        return families.all();
    }

    public Family onlyFamily() {
        List<Family> all = families.all();
        if (all.size() != 1) {
            throw new AssertionError("expected one Connect against this server, saw " + all.size());
        }
        return all.getFirst();
    }

    public boolean anyFamilyRevoked() {
        return families.all().stream().anyMatch(Family::revoked);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }

    private void authorize(HttpExchange x) throws IOException {
        try (x) {
            Map<String, String> q = form(x.getRequestURI().getRawQuery());
            String redirect = q.get("redirect_uri");
            if (!"GET".equals(x.getRequestMethod()) || redirect == null || !"code".equals(q.get("response_type"))) {
                send(x, Reply.error(400, "invalid_request"));
                return;
            }
            String code = "fake-code-" + Tokens.random(16);
            codes.put(code, new Authorization(q.get("code_challenge"), q.get("code_challenge_method")));
            String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + enc(code)
                    + (q.get("state") == null ? "" : "&state=" + enc(q.get("state")));
            x.getResponseHeaders().add("Location", location);
            x.sendResponseHeaders(302, -1);
        }
    }

    private void token(HttpExchange x) throws IOException {
        try (x) {
            TokenRequest r = new TokenRequest(form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)),
                    x.getRequestHeaders().getFirst("Authorization"));
            requests.add(r);
            if (!"POST".equals(x.getRequestMethod())) {
                send(x, Reply.error(405, "invalid_request"));
                return;
            }
            send(x, switch (r.grantType() == null ? "" : r.grantType()) {
                case "authorization_code" -> exchange(r);
                case "refresh_token" -> refresh(r);
                default -> Reply.error(400, "unsupported_grant_type");
            });
        }
    }

    private Reply exchange(TokenRequest r) {
        Authorization a = r.form().get("code") == null ? null : codes.remove(r.form().get("code"));
        if (a == null) {
            return Reply.error(400, "invalid_grant");
        }
        if (a.challenge() != null && !a.challenge().equals(s256(r.form().get("code_verifier")))) {
            return Reply.error(400, "invalid_grant");
        }
        return families.start();
    }

    private Reply refresh(TokenRequest r) {
        if (!hold.pass()) {
            return Reply.error(500, "server_error");
        }
        Reply scripted = script.poll();
        if (scripted != null) {
            return scripted;
        }
        return families.refresh(r.refreshToken());
    }

    private static void send(HttpExchange x, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        if (reply.contentType() != null) {
            x.getResponseHeaders().add("Content-Type", reply.contentType());
        }
        x.getResponseHeaders().add("Cache-Control", "no-store");
        reply.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
        x.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String s256(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
