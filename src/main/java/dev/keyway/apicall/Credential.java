package dev.keyway.apicall;

import dev.keyway.egress.EgressRequest;
import dev.keyway.oauth.DPoPProofs;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * What a connection adds to a request: headers, query parameters, or both; for a DPoP-bound token also a proof per
 * request ({@code dpop}, null otherwise). {@code accessToken}: the token it carries (oauth2 or static token; null for
 * basic and custom), to tell which token a service rejected. Holds secrets: {@link #toString()} prints names only.
 */
public record Credential(Map<String, String> headers, Map<String, String> query, DPoPBinding dpop, String accessToken) {
    public Credential {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
    }

    public Credential(Map<String, String> headers, Map<String, String> query) {
        this(headers, query, null, null);
    }

    /**
     * Takes note of a service's answer to a request made with this credential: remembers its DPoP nonce; true when the
     * request should be sent once more (with a new proof carrying the nonce).
     */
    public boolean retryWithNonce(URI url, int status, java.util.Optional<String> wwwAuthenticate, java.util.Optional<String> nonce) {
        return dpop != null && nonce.isPresent() && dpop.retryWithNonce(url, status, wwwAuthenticate.orElse(null), nonce.get());
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

    /** {@code request} with the credential's headers (each dropped if a redirect leaves the origin) and query parameters. */
    public EgressRequest applyTo(EgressRequest request) {
        Set<String> names = headerNames();
        Map<String, List<String>> all = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (!names.contains(HeaderRules.lower(name))) {
                all.put(name, values);
            }
        });
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        Set<String> credentialHeaders = new HashSet<>(request.credentialHeaders());
        credentialHeaders.addAll(names);
        URI url = applyTo(request.url());
        if (dpop != null) {
            all.entrySet().removeIf(e -> HeaderRules.lower(e.getKey()).equals("dpop"));
            all.put(DPoPProofs.HEADER, List.of(dpop.proof(request.method(), url)));
            credentialHeaders.add("dpop");
        }
        return new EgressRequest(request.method(), url, all, request.body(), request.timeout(),
                request.followRedirects(), credentialHeaders);
    }

    @Override
    public String toString() {
        return "Credential[headers=" + headers.keySet() + ", query=" + query.keySet() + (dpop == null ? "" : ", dpop") + "]";
    }
}
