package dev.keyway.account;

import java.time.Instant;

/** A signed-in operator's session, as read on each request. toString() hides the CSRF token. */
public record Session(User user, String csrfToken, Instant createdAt, Instant lastSeenAt) {
    @Override
    public String toString() {
        return "Session[" + user.email() + ", since " + createdAt + "]";
    }
}
