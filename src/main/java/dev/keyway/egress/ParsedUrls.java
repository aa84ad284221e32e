package dev.keyway.egress;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * OkHttp's reading of a URL string, remembered: {@link HttpUrl#parse} (host canonicalisation with
 * IDN mapping above all) was a good part of a proxied request's CPU, and the proxy parsed each
 * target twice (the allowed-URL check and the egress client). A pure function of the string, so
 * remembering it changes no decision. Bounded by total characters, not entries (URLs may be long).
 */
public final class ParsedUrls {
    private static final Cache<String, Optional<HttpUrl>> PARSED = Caffeine.newBuilder()
            .maximumWeight(4_000_000).weigher((String url, Optional<HttpUrl> parsed) -> url.length() + 64).build();

    private ParsedUrls() {
    }

    /** {@link HttpUrl#parse}: null if OkHttp cannot read {@code url}. */
    public static HttpUrl parse(String url) {
        return PARSED.get(url, u -> Optional.ofNullable(HttpUrl.parse(u))).orElse(null);
    }
}
