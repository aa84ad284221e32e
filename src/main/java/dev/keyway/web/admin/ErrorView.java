package dev.keyway.web.admin;

import dev.keyway.account.Session;

/** A page that only says what went wrong. {@code session} is null when nobody is signed in. */
public record ErrorView(Session session, String title, String message) { }
