package dev.keyway.oauth;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} and query-string helpers. */
final class Forms {

    private Forms() {
    }

    /** Percent-encodes for a URL query: space as {@code %20} (understood by every decoder), {@code +} as {@code %2B}. */
    static String encodeQueryComponent(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Form/query decoding ({@code +} is a space); malformed escapes are kept literally. */
    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Parses {@code a=1&b=2}; the first occurrence of a name wins; pairs without a name are skipped. */
    static Map<String, String> parse(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!name.isEmpty()) {
                out.putIfAbsent(name, value);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The decoded name of one raw {@code name=value} pair. */
    static String nameOf(String rawPair) {
        int eq = rawPair.indexOf('=');
        return decode(eq < 0 ? rawPair : rawPair.substring(0, eq));
    }
}
