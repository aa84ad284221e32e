package dev.keyway.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Headers every answer carries: no framing, no referrer (codes and states stay out of other sites' logs), strict CSP. */
final class SecurityHeaders implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        // the admin pages load one script file from /static (never inline script); other pages load none
        String script = req.path().path().startsWith("/admin") ? " script-src 'self';" : "";
        res.header(HeaderNames.create("Content-Security-Policy"),
                "default-src 'none';" + script + " style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        chain.proceed();
    }
}
