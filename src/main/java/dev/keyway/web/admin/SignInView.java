package dev.keyway.web.admin;

/** The sign-in form: the email typed (never the password), a message, and the form's CSRF token. */
public record SignInView(String email, String error, String notice, String csrf) { }
