/**
 * The one outbound HTTP client for account-driven requests (token endpoint, API calls, hooks,
 * feeds): {@link dev.keyway.egress.EgressClient}.
 *
 * <p>Three checks share one rule set ({@code Gate}, {@code AddressRules}):
 * <ol>
 *   <li>before a call and before every redirect hop: scheme (http/https only), metadata host names,
 *       and the URL host as OkHttp canonicalized it when it is an IP literal in any spelling (IPv6;
 *       IPv4 read both as the JDK dials it, {@code 0177.0.0.1} = 177.0.0.1, and as
 *       {@code inet_aton} reads it, = 127.0.0.1; refused if either reading is refused);</li>
 *   <li>OkHttp's {@code Dns} ({@code GuardedDns}): the only DNS query, through the injected
 *       {@link dev.keyway.egress.Resolver}; a name is refused if any of its addresses is refused;
 *       OkHttp gets exactly the checked addresses, so it dials what was checked (DNS rebinding);</li>
 *   <li>the socket ({@code GuardedSocketFactory}): the address about to be dialled is checked
 *       again, which also covers IP-literal URLs that OkHttp dials without asking {@code Dns}.</li>
 * </ol>
 * The allowlist ({@link dev.keyway.egress.EgressPolicy#allowlist()}) permits a host name (all its
 * addresses, carried from the DNS step to the socket check inside the {@code InetAddress}) or an
 * address range. Redirects are followed here, not by OkHttp; no proxy, cookies, cache or silent
 * retries.
 */
package dev.keyway.egress;
