package dev.keyway.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    final Passwords passwords = new Passwords();

    @Test
    void hashIsArgon2idInPhcFormatAndVerifies() {
        String hash = passwords.hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct");
        assertThat(passwords.verify("correct horse battery", hash)).isTrue();
        assertThat(passwords.verify("correct horse batterz", hash)).isFalse();
    }

    @Test
    void samePasswordHashesDifferently() {
        assertThat(passwords.hash("correct horse battery")).isNotEqualTo(passwords.hash("correct horse battery"));
    }

    @Test
    void olderCostStillVerifies() {
        String cheap = new Passwords(1024, 1).hash("correct horse battery");
        assertThat(cheap).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(passwords.verify("correct horse battery", cheap)).isTrue();
    }

    @Test
    void malformedHashesNeverVerify() {
        assertThat(passwords.verify("x", null)).isFalse();
        assertThat(passwords.verify("x", "")).isFalse();
        assertThat(passwords.verify("x", "$argon2i$v=19$m=1024,t=1,p=1$AAAA$AAAA")).isFalse();
        assertThat(passwords.verify("x", "$argon2id$v=19$m=oops$AAAA$AAAA")).isFalse();
    }
}
