package dev.keyway.web.admin;

import dev.keyway.account.Session;

/** The short stop between the Connect button and the service's sign-in page. */
public record ConnectingView(Session session, String name, String connectUrl, String serviceHost) { }
