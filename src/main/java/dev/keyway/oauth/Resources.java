package dev.keyway.oauth;

import java.net.URI;
import java.util.List;

/** RFC 8707 resource indicators: absolute URIs without a fragment (§2), each sent as one {@code resource} parameter. */
public final class Resources {
    private Resources() {
    }

    /** Null → empty; duplicates dropped; @throws IllegalArgumentException for a relative URI or one with a fragment */
    public static List<URI> checked(List<URI> resources) {
        if (resources == null) {
            return List.of();
        }
        for (URI r : resources) {
            if (r == null || !r.isAbsolute() || r.getRawFragment() != null) {
                throw new IllegalArgumentException("a resource indicator must be an absolute URI without fragment (RFC 8707 §2)");
            }
        }
        return resources.stream().distinct().toList();
    }

    static URI[] array(List<URI> resources) {
        return resources.toArray(URI[]::new);
    }
}
