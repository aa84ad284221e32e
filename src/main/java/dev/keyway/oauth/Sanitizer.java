package dev.keyway.oauth;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes server-supplied text safe to store and show: no control characters, no token-looking words, short. */
final class Sanitizer {

    static final int MAX_LENGTH = 300;
    static final String REDACTED = "[redacted]";
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._~+/=\\-]{16,}");
    private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final int EXCERPT_INPUT = 4000;

    private Sanitizer() {
    }

    /** Control and format characters removed, whitespace collapsed, token-looking words redacted, ≤ 300 chars; blank → null. */
    static String text(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), EXCERPT_INPUT));
        s.codePoints().limit(EXCERPT_INPUT).forEach(cp -> b.appendCodePoint(isUnsafe(cp) ? ' ' : cp));
        String clean = redactTokens(b.toString().replaceAll("\\s+", " ").strip());
        if (clean.isEmpty()) {
            return null;
        }
        if (clean.codePointCount(0, clean.length()) <= MAX_LENGTH) {
            return clean;
        }
        return clean.substring(0, clean.offsetByCodePoints(0, MAX_LENGTH - 1)) + "…";
    }

    /** A short excerpt of a body we could not parse: markup dropped, then {@link #text}. */
    static String excerpt(String body) {
        if (body == null) {
            return null;
        }
        String head = body.length() > EXCERPT_INPUT ? body.substring(0, EXCERPT_INPUT) : body;
        return text(TAG.matcher(SCRIPT.matcher(head).replaceAll(" ")).replaceAll(" "));
    }

    private static boolean isUnsafe(int cp) {
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }

    private static String redactTokens(String s) {
        Matcher m = WORD.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(looksLikeToken(m.group()) ? REDACTED : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Long runs of token characters that mix letters and digits, or are very long, are treated as secrets. */
    static boolean looksLikeToken(String word) {
        if (word.length() >= 32) {
            return true;
        }
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        return letter && digit;
    }
}
