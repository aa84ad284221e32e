package dev.keyway.egress;

import java.net.URI;
import java.util.Locale;
import okhttp3.HttpUrl;

/** URL helpers: printing without secrets, origins. */
final class Urls {
    private Urls() {}

    /** scheme://host:port/path: no user info, query or fragment. */
    static String redacted(URI url) {
        if (url.isOpaque() || url.getRawAuthority() == null) {
            return url.getScheme() == null ? "(relative URL)" : url.getScheme() + ":(opaque)";
        }
        String authority = url.getRawAuthority();
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        return url.getScheme() + "://" + host + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** Scheme, host and effective port. */
    static String origin(HttpUrl url) {
        return url.scheme() + "://" + url.host().toLowerCase(Locale.ROOT) + ":" + url.port();
    }
}
