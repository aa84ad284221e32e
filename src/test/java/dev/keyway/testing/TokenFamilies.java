package dev.keyway.testing;

import dev.keyway.crypto.Tokens;
import dev.keyway.testing.FakeTokenServer.Family;
import dev.keyway.testing.FakeTokenServer.Reply;
import dev.keyway.testing.FakeTokenServer.Shape;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The grant families of a {@link FakeTokenServer}, one per Connect, and how it issues tokens: rotating
 * (every refresh a new refresh token, only the latest accepted, a replayed older one revokes the family)
 * or not (refresh answers carry no refresh token, the first stays valid).
 */
final class TokenFamilies {
    private final boolean rotating;
    private final Map<String, Family> byRefreshToken = new ConcurrentHashMap<>();
    private final List<Family> families = new CopyOnWriteArrayList<>();
    private volatile long expiresIn = 3600;
    private volatile boolean issueRefreshTokens = true;
    private volatile Shape shape;

    TokenFamilies(boolean rotating) {
        this.rotating = rotating;
    }

    void expiresIn(long seconds) {
        this.expiresIn = seconds;
    }

    void withoutRefreshTokens() {
        this.issueRefreshTokens = false;
    }

    void shaped(Shape shape) {
        this.shape = shape;
    }

    List<Family> all() {
        return List.copyOf(families);
    }

    /** A Connect's code was accepted: a new family and its first tokens. */
    Reply start() {
        Family f = new Family();
        families.add(f);
        synchronized (f) {
            return issue(f, issueRefreshTokens);
        }
    }

    /** A refresh with {@code refreshToken}: new tokens, or {@code invalid_grant} (unknown, revoked, replayed). */
    Reply refresh(String refreshToken) {
        Family f = refreshToken == null ? null : byRefreshToken.get(refreshToken);
        if (f == null) {
            return Reply.error(400, "invalid_grant");
        }
        synchronized (f) {
            if (f.revoked) {
                return Reply.error(400, "invalid_grant");
            }
            if (!refreshToken.equals(f.refreshTokens.getLast())) {
                f.revoked = true; // reuse detected: the whole family dies, the latest token included
                return Reply.error(400, "invalid_grant");
            }
            return issue(f, rotating);
        }
    }

    /** Issues an access token (and a refresh token when {@code newRefreshToken}); the caller holds {@code f}. */
    private Reply issue(Family f, boolean newRefreshToken) {
        String access = "fake-at-" + Tokens.random(16);
        f.accessTokens.add(access);
        if (shape != null) {
            String refresh = newRefreshToken ? "fake-rt-" + Tokens.random(16) : null;
            if (refresh != null) {
                f.refreshTokens.add(refresh);
                byRefreshToken.put(refresh, f);
            }
            return Reply.json(200, shape.body(access, refresh, expiresIn));
        }
        StringBuilder body = new StringBuilder("{\"access_token\":\"").append(access)
                .append("\",\"token_type\":\"Bearer\",\"scope\":\"crm.read\"");
        if (expiresIn > 0) {
            body.append(",\"expires_in\":").append(expiresIn);
        }
        if (newRefreshToken) {
            String refresh = "fake-rt-" + Tokens.random(16);
            f.refreshTokens.add(refresh);
            byRefreshToken.put(refresh, f);
            body.append(",\"refresh_token\":\"").append(refresh).append('"');
        }
        return Reply.json(200, body.append('}').toString());
    }
}
