package dev.keyway.account;

import dev.keyway.crypto.Tokens;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Operators and their passwords (Argon2id). Emails are compared lower-case. */
public final class Users {
    private final Jdbi jdbi;
    private final Passwords passwords;
    private final Clock clock;
    /** Verified against when the email is unknown, so that both answers take the same time. */
    private final String decoy;

    public Users(Jdbi jdbi, Passwords passwords, Clock clock) {
        this.jdbi = jdbi;
        this.passwords = passwords;
        this.clock = clock;
        this.decoy = passwords.hash(Tokens.random(16));
    }

    /** Creates an operator of {@code account}; refuses a malformed email, a short password or a taken email. */
    public User create(AccountId account, String email, String password) {
        String e = check(email, password);
        if (find(e).isPresent()) {
            throw new IllegalArgumentException("an operator with this email exists");
        }
        User u = new User("usr_" + Tokens.random(12), account, e);
        String hash = passwords.hash(password);
        jdbi.useHandle(h -> h.createUpdate("insert into users (id, account_id, email, password_hash, created_at) "
                        + "values (:id, :account, :email, :hash, :at)")
                .bind("id", u.id()).bind("account", account.value()).bind("email", e).bind("hash", hash)
                .bind("at", clock.instant()).execute());
        return u;
    }

    /** Refuses a malformed email or a password outside 12 to 200 characters; the normalized email. */
    public static String check(String email, String password) {
        String e = normalize(email);
        if (e.length() > 320 || !e.matches("[^\\s@]+@[^\\s@]+")) {
            throw new IllegalArgumentException("a valid email address is required");
        }
        if (password == null || password.length() < 12 || password.length() > 200) {
            throw new IllegalArgumentException("the password must be 12 to 200 characters long");
        }
        return e;
    }

    /** The operator, when the email is known and the password matches. */
    public Optional<User> authenticate(String email, String password) {
        if (email == null || password == null || email.length() > 320 || password.length() > 200) {
            return Optional.empty();
        }
        Optional<Row> row = jdbi.withHandle(h -> h.createQuery("select id, account_id, email, password_hash from users "
                        + "where email = :e")
                .bind("e", normalize(email))
                .map((rs, ctx) -> new Row(new User(rs.getString("id"), new AccountId(rs.getString("account_id")),
                        rs.getString("email")), rs.getString("password_hash")))
                .findOne());
        boolean ok = passwords.verify(password, row.map(Row::hash).orElse(decoy));
        return ok ? row.map(Row::user) : Optional.empty();
    }

    public Optional<User> find(String email) {
        return jdbi.withHandle(h -> h.createQuery("select id, account_id, email from users where email = :e")
                .bind("e", normalize(email))
                .map((rs, ctx) -> new User(rs.getString("id"), new AccountId(rs.getString("account_id")), rs.getString("email")))
                .findOne());
    }

    private record Row(User user, String hash) {
        @Override
        public String toString() {
            return "Row[" + user + "]";
        }
    }

    static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
