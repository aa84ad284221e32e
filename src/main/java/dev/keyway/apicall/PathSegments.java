package dev.keyway.apicall;

import dev.keyway.problem.Problem;

/** Refuses path segments that servers read differently: encoded dots and slashes, {@code ..;}, encoded NUL. */
final class PathSegments {
    private PathSegments() {
    }

    static void refuseAmbiguous(String rawPath, String field) {
        if (rawPath == null) {
            return;
        }
        for (String raw : rawPath.split("/", -1)) {
            String decoded = decode(raw);
            if (decoded == null || decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0 || decoded.indexOf('\0') >= 0) {
                throw refused(field, "an encoded slash, backslash or NUL (or a broken %-escape) in the path");
            }
            int semicolon = decoded.indexOf(';');
            String bare = semicolon < 0 ? decoded : decoded.substring(0, semicolon);
            boolean dot = bare.equals(".") || bare.equals("..");
            if (dot && !raw.equals(bare)) {
                throw refused(field, "an encoded or parameterised dot segment in the path");
            }
        }
    }

    /** Percent-decoding of one segment, byte by byte; null when an escape is malformed. */
    private static String decode(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 2 >= raw.length()) {
                return null;
            }
            int hi = Character.digit(raw.charAt(i + 1), 16);
            int lo = Character.digit(raw.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out.append((char) (hi * 16 + lo));
            i += 2;
        }
        return out.toString();
    }

    private static Problem refused(String field, String why) {
        return Problem.invalid(field, "url_not_allowed", "the connection's credentials cannot be sent to this URL: " + why);
    }
}
