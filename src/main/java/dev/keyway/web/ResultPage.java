package dev.keyway.web;

/** The model of the page a browser sees at the end of Connect. All text is escaped by the template. */
public record ResultPage(boolean ok, String title, String message, String hint, String backUrl) {
    public ResultPage(boolean ok, String title, String message, String hint) {
        this(ok, title, message, hint, null);
    }
}
