package dev.keyway.connect;

import java.net.URI;
import java.net.URISyntaxException;

/** Where a finished Connect may send the browser: only back to Keyway itself (no open redirect). */
final class ReturnUrls {
    private ReturnUrls() {
    }

    /** The URL to store, or null; refuses anything that leaves Keyway's public origin. */
    static String check(String returnUrl, URI publicUrl) {
        if (returnUrl == null || returnUrl.isBlank()) {
            return null;
        }
        if (returnUrl.length() > 2000 || returnUrl.contains("\\") || returnUrl.chars().anyMatch(ch -> ch < 0x21)) {
            throw ConnectFlow.invalidReturnUrl();
        }
        try {
            URI u = new URI(returnUrl);
            if (!u.isAbsolute()) {
                if (!returnUrl.startsWith("/") || returnUrl.startsWith("//")) {
                    throw ConnectFlow.invalidReturnUrl();
                }
                return publicUrl + returnUrl;
            }
            boolean sameOrigin = u.getScheme().equalsIgnoreCase(publicUrl.getScheme())
                    && publicUrl.getHost().equalsIgnoreCase(u.getHost()) && port(u) == port(publicUrl)
                    && u.getRawUserInfo() == null;
            if (!sameOrigin) {
                throw ConnectFlow.invalidReturnUrl();
            }
            return returnUrl;
        } catch (URISyntaxException e) {
            throw ConnectFlow.invalidReturnUrl();
        }
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
