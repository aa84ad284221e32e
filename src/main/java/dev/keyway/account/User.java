package dev.keyway.account;

/** An operator: signs in to the admin UI and acts for one account. Holds no password hash. */
public record User(String id, AccountId account, String email) { }
