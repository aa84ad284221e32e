package dev.keyway.web.api;

import dev.keyway.account.AccountId;
import dev.keyway.feed.Catalogue;
import dev.keyway.problem.Problem;
import dev.keyway.web.Http;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;

/** GET /api/v1/products: the account's catalogue, paged ({@code limit}, {@code offset}), searched by name ({@code q}). */
public final class ProductsApi {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final Catalogue catalogue;
    private final Http http;

    public ProductsApi(Catalogue catalogue, Http http) {
        this.catalogue = catalogue;
        this.http = http;
    }

    public void list(ServerRequest req, ServerResponse res, AccountId account) {
        var query = req.query();
        int limit = number(query.first("limit").asOptional(), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = number(query.first("offset").asOptional(), "offset", 0, 0, 10_000_000);
        String q = query.first("q").asOptional().map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (q != null && q.length() > 200) {
            throw Problem.invalid("q", "too_long", "q must be at most 200 characters");
        }
        Catalogue.Page page = catalogue.products(account, q, limit, offset);
        http.ok(res, Map.of("items", page.items(), "total", page.total(), "limit", page.limit(), "offset", page.offset()));
    }

    private static int number(Optional<String> value, String field, int fallback, int min, int max) {
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw Problem.invalid(field, "invalid_value", field + " must be a whole number from " + min + " to " + max);
    }
}
