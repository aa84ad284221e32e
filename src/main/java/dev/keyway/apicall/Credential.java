package dev.keyway.apicall;

import dev.keyway.egress.EgressRequest;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * What a connection adds to a request: headers, query parameters, or both. Holds secrets:
 * {@link #toString()} prints names only.
 */
public record Credential(Map<String, String> headers, Map<String, String> query) {
    public Credential {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
    }

    /** Lower-case names of the headers this credential sets. */
    public Set<String> headerNames() {
        return headers.keySet().stream().map(HeaderRules::lower).collect(Collectors.toSet());
    }

    /** {@code url} with the credential's query parameters set (replacing any of the same name). */
    public URI applyTo(URI url) {
        if (query.isEmpty()) {
            return url;
        }
        HttpUrl.Builder b = HttpUrl.get(url.toString()).newBuilder();
        query.forEach(b::setQueryParameter);
        return b.build().uri();
    }

    /** {@code request} with the credential's headers, each dropped if a redirect leaves the origin. */
    public EgressRequest applyTo(EgressRequest request) {
        EgressRequest out = request;
        if (!query.isEmpty()) {
            out = new EgressRequest(out.method(), applyTo(out.url()), out.headers(), out.body(), out.timeout(),
                    out.followRedirects(), out.credentialHeaders());
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            out = out.withCredentialHeader(h.getKey(), h.getValue());
        }
        return out;
    }

    @Override
    public String toString() {
        return "Credential[headers=" + headers.keySet() + ", query=" + query.keySet() + "]";
    }
}
