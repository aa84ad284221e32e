package dev.keyway.apicall;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Which headers belong to one hop of a connection (never forwarded) and which a caller may not set. */
public final class HeaderRules {
    /** RFC 9110 §7.6.1 and the usual extras: meaningful for one connection only. */
    public static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade");
    /** An API call's own headers may not set these: the transport (Keyway's client) owns them. */
    static final Set<String> TRANSPORT = Stream.concat(HOP_BY_HOP.stream(),
            Stream.of("host", "content-length", "accept-encoding", "expect")).collect(Collectors.toUnmodifiableSet());

    private HeaderRules() {
    }

    public static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Hop-by-hop names, including those a {@code Connection} header lists. */
    public static Set<String> hopByHop(List<String> connectionHeaderValues) {
        Set<String> out = new HashSet<>(HOP_BY_HOP);
        for (String value : connectionHeaderValues) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    out.add(lower(token.strip()));
                }
            }
        }
        return out;
    }

    /** A value HTTP/1.1 can carry as Keyway's client sends it: visible ASCII, spaces and tabs. */
    static boolean sendable(String value) {
        return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
    }
}
