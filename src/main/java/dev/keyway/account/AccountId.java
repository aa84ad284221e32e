package dev.keyway.account;

import dev.keyway.crypto.Tokens;

/** Typed id of an account (a tenant). */
public record AccountId(String value) {
    public static AccountId random() {
        return new AccountId("acc_" + Tokens.random(12));
    }

    @Override
    public String toString() {
        return value;
    }
}
