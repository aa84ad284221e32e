package dev.keyway.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.keyway.connection.ConnectionId;
import dev.keyway.connection.Grant;
import dev.keyway.connection.GrantRepository;
import dev.keyway.crypto.SecretBox;
import dev.keyway.store.Json;
import dev.keyway.testing.Api;
import dev.keyway.testing.AuthServer;
import dev.keyway.testing.Browser;
import dev.keyway.testing.Connections;
import dev.keyway.testing.KeywayUnderTest;
import dev.keyway.testing.LogCapture;
import dev.keyway.testing.Operator;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After a whole life of a connection (create, Connect, token, forced refresh, a failed Connect, a
 * delete with revocation) the raw H2 database holds no token, secret or one-time value in clear,
 * and no log line Keyway wrote holds one either.
 */
class SecretsAtRestTest {
    static AuthServer as;
    static KeywayUnderTest keyway;
    /** What must never be readable: name → value. */
    static final Map<String, String> secrets = new LinkedHashMap<>();
    static List<String> logLines;
    static byte[] sealedRefreshToken;
    static byte[] sealedClientSecret;
    static String kept;

    @BeforeAll
    static void wholeLifeOfAConnection() throws Exception {
        as = new AuthServer();
        keyway = KeywayUnderTest.builder().start();
        try (LogCapture logs = LogCapture.start(Level.DEBUG)) {
            String clientSecret = "client-secret-" + UUID.randomUUID();
            secrets.put("client secret", clientSecret);
            secrets.put("client secret in Basic auth", Base64.getEncoder()
                    .encodeToString(("keyway-client:" + clientSecret).getBytes(StandardCharsets.UTF_8)));
            var account = keyway.keyway().accounts().create("Acme");
            secrets.put("API key", account.apiKey());
            Api api = new Api(keyway.base(), account.apiKey());
            Operator operator = new Operator(api);
            Browser browser = operator.browser();

            // create and Connect, keeping the one-time values
            String id = operator.create(Connections.against(as).with("clientSecret", clientSecret));
            as.drainRequests();
            URI authorization = browser.openConnectLink(operator.connectUrl(id));
            secrets.put("state", query(authorization.getRawQuery()).get("state"));
            secrets.put("OpenID Connect nonce", query(authorization.getRawQuery()).get("nonce"));
            URI callback = browser.signIn(authorization, "operator@acme.test");
            secrets.put("authorization code", query(callback.getRawQuery()).get("code"));
            HttpResponse<String> landed = browser.get(callback.toString());
            assertThat(landed.statusCode()).isEqualTo(200);
            Map<String, String> codeExchange = query(tokenRequests().getFirst());
            secrets.put("PKCE verifier", codeExchange.get("code_verifier"));

            GrantRepository grants = new GrantRepository(keyway.keyway().database().jdbi(), new SecretBox(keyway.keyset()), Json.mapper());
            secrets.put("access token 1", operator.accessToken(id));
            secrets.put("refresh token 1", grants.find(new ConnectionId(id)).orElseThrow().refreshToken());

            // forced refresh
            Api.Answer refreshed = api.post("/api/v1/connections/" + id + "/refresh", Map.of());
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            secrets.put("access token 2", refreshed.text("accessToken"));
            Grant afterRefresh = grants.find(new ConnectionId(id)).orElseThrow();
            secrets.put("refresh token 2", afterRefresh.refreshToken());
            assertThat(query(tokenRequests().getFirst())).containsEntry("refresh_token", secrets.get("refresh token 1"));
            assertThat(operator.accessToken(id)).isEqualTo(secrets.get("access token 2"));
            Object idToken = afterRefresh.extra().get("id_token");
            if (idToken != null) {
                secrets.put("id token", idToken.toString());
            }

            // a failed Connect (the code is replayed) and a deleted connection (revocation)
            browser.get(callback.toString());
            String doomed = operator.connected(Connections.against(as).with("clientSecret", clientSecret)
                    .with("revocationUrl", as.revocationUrl()));
            secrets.put("access token of the deleted connection", operator.accessToken(doomed));
            secrets.put("refresh token of the deleted connection",
                    grants.find(new ConnectionId(doomed)).orElseThrow().refreshToken());
            assertThat(api.delete("/api/v1/connections/" + doomed).status()).isEqualTo(204);

            kept = id;
            logLines = logs.lines();
        } finally {
            keyway.close();
        }
        try (Connection db = open()) {
            sealedRefreshToken = bytes(db, "select refresh_token from grants where connection_id = '" + kept + "'");
            sealedClientSecret = bytes(db, "select client_secret from connections where id = '" + kept + "'");
        }
        secrets.forEach((name, value) -> assertThat(value).as(name).isNotBlank().hasSizeGreaterThan(15));
    }

    @AfterAll
    static void stop() {
        as.close();
    }

    @Test
    void noColumnOfAnyTableHoldsATokenSecretOrOneTimeValue() throws Exception {
        int tables = 0;
        int values = 0;
        try (Connection db = open()) {
            List<String> names = new ArrayList<>();
            try (ResultSet t = db.createStatement().executeQuery("select table_schema, table_name from information_schema.tables "
                    + "where table_type = 'BASE TABLE' and table_schema <> 'information_schema'")) {
                while (t.next()) {
                    names.add("\"" + t.getString(1) + "\".\"" + t.getString(2) + "\"");
                }
            }
            for (String table : names) {
                tables++;
                try (ResultSet rs = db.createStatement().executeQuery("select * from " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            if (v == null) {
                                continue;
                            }
                            values++;
                            String text = v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : v.toString();
                            String where = table + "." + md.getColumnName(i);
                            secrets.forEach((name, secret) -> assertThat(text).as("%s holds the %s", where, name).doesNotContain(secret));
                        }
                    }
                }
            }
        }
        assertThat(tables).as("tables read").isGreaterThanOrEqualTo(6);
        assertThat(values).as("values read").isGreaterThan(50);
    }

    @Test
    void theDatabaseFileHoldsNoTokenSecretOrOneTimeValueInClear() throws Exception {
        Path file = Path.of(keyway.databaseUrl().substring("jdbc:h2:file:".length()) + ".mv.db");
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(raw).as("the file is the database").contains("connection_events");
        secrets.forEach((name, secret) -> assertThat(raw.contains(secret)).as("the file holds the %s", name).isFalse());
    }

    @Test
    void theRefreshTokenAndClientSecretAreStoredAsCiphertext() {
        assertThat(sealedRefreshToken).isNotNull();
        assertThat(sealedClientSecret).isNotNull();
        for (byte[] sealed : List.of(sealedRefreshToken, sealedClientSecret)) {
            long unprintable = 0;
            for (byte b : sealed) {
                if (b < 0x20 || b > 0x7e) {
                    unprintable++;
                }
            }
            assertThat(unprintable).as("a printable string would be plaintext").isGreaterThan(sealed.length / 10);
        }
        assertThat(sealedRefreshToken.length).isGreaterThan(secrets.get("refresh token 2").length()); // IV and tag
    }

    @Test
    void noLogLineHoldsATokenSecretCodeOrApiKey() {
        assertThat(logLines).as("the flow was logged").anyMatch(l -> l.contains("connected"));
        assertThat(logLines).anyMatch(l -> l.contains("refresh"));
        for (String line : logLines) {
            secrets.forEach((name, secret) -> assertThat(line).as("a log line holds the %s", name).doesNotContain(secret));
        }
    }

    // ---- helpers

    private static Connection open() throws Exception {
        return DriverManager.getConnection(keyway.databaseUrl() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
    }

    private static byte[] bytes(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getBytes(1);
        }
    }

    /** The form bodies of the token requests the service received since the last look, oldest first. */
    private static List<String> tokenRequests() {
        return as.drainRequests().stream().filter(r -> r.getPath().startsWith("/" + AuthServer.ISSUER + "/token"))
                .map(RecordedRequest::getBody).map(b -> b.readUtf8()).toList();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
