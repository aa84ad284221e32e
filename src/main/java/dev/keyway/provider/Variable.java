package dev.keyway.provider;

import java.util.regex.Pattern;

/**
 * A per-connection value of a preset, used as {@code {name}} in its URLs (a subdomain, a region, a tenant).
 *
 * @param pattern a whole-value regular expression; a value that does not match is refused, so no value can add a
 *                path, a host part, a port or a query to a URL
 */
public record Variable(String name, String label, String example, String pattern) {

    public boolean accepts(String value) {
        return value != null && value.length() <= 253 && Pattern.compile(pattern).matcher(value).matches()
                && value.chars().noneMatch(c -> "/?#@:%\\ ".indexOf(c) >= 0 || c < 0x21 || c > 0x7e);
    }
}
