package dev.keyway.oauth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers that decode what goes over the wire, independently of the code under test. */
final class Wire {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private Wire() {
    }

    /** All values of every parameter of a form or query string, decoded. */
    static Map<String, List<String>> params(String encoded) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            String[] kv = pair.split("=", 2);
            out.computeIfAbsent(decode(kv[0]), k -> new ArrayList<>()).add(kv.length > 1 ? decode(kv[1]) : "");
        }
        return out;
    }

    static Map<String, List<String>> form(OAuthRequest r) {
        return params(new String(r.body(), StandardCharsets.UTF_8));
    }

    static Map<String, List<String>> query(URI uri) {
        return params(uri.getRawQuery());
    }

    /** {@code [id, secret]} from an RFC 6749 §2.3.1 Basic header. */
    static String[] basic(OAuthRequest r) {
        String header = r.header("Authorization").orElseThrow();
        String decoded = new String(Base64.getDecoder().decode(header.substring("Basic ".length())),
                StandardCharsets.UTF_8);
        String[] parts = decoded.split(":", 2);
        return new String[] {decode(parts[0]), decode(parts[1])};
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static OAuthResponse json(int status, String body) {
        return new OAuthResponse(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    static OAuthResponse response(int status, String contentType, String body) {
        return new OAuthResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static TokenSet issued(TokenResult result) {
        if (result instanceof TokenResult.Issued issued) {
            return issued.tokens();
        }
        throw new AssertionError("expected Issued but was " + result);
    }

    static TokenResult.Refused refused(TokenResult result) {
        if (result instanceof TokenResult.Refused refused) {
            return refused;
        }
        throw new AssertionError("expected Refused but was " + result);
    }
}
