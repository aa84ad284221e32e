package dev.keyway.egress;

import java.util.Locale;

/** Why the egress guard refused (or gave up on) an outbound request. */
public enum Rule {
    /** Not an absolute, parseable {@code http}/{@code https} URL (also a redirect to one). */
    SCHEME,
    /** Cloud metadata host names and metadata addresses (169.254.169.254, fd00:ec2::254, ...). */
    HOST_DENIED,
    /** 127.0.0.0/8, ::1. */
    LOOPBACK,
    /** 10/8, 172.16/12, 192.168/16 and the deprecated IPv6 site-local fec0::/10. */
    PRIVATE,
    /** 169.254/16, fe80::/10. */
    LINK_LOCAL,
    /** 100.64/10 (carrier-grade NAT). */
    CGNAT,
    /** fc00::/7. */
    UNIQUE_LOCAL,
    /** 224/4, ff00::/8. */
    MULTICAST,
    /** 0/8, ::. */
    UNSPECIFIED,
    /** 240/4, broadcast, special-purpose and documentation ranges, non-global IPv6. */
    RESERVED,
    /** The host name has no address, or is a numeric host that is no valid IPv4 literal. */
    UNRESOLVABLE,
    /** More redirects than {@link EgressPolicy#maxRedirects()}. */
    TOO_MANY_REDIRECTS,
    /** Response body longer than {@link EgressPolicy#maxResponseBytes()}. */
    RESPONSE_TOO_LARGE,
    /** The whole call (all hops) took longer than its timeout. */
    TIMEOUT;

    /** Stable machine-readable code, e.g. {@code egress_loopback}. */
    public String code() {
        return "egress_" + name().toLowerCase(Locale.ROOT);
    }
}
