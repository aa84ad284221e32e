package dev.keyway.apicall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keyway.problem.Problem;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AllowedUrlsTest {
    private static final URI ALLOWED = URI.create("https://api.example.com/v1");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://api.example.com/v1, https://api.example.com/v1",
            "https://api.example.com/v1/, https://api.example.com/v1/",
            "https://api.example.com/v1/users?x=1, https://api.example.com/v1/users?x=1",
            "HTTPS://API.Example.COM:443/v1/users, HTTPS://API.Example.COM:443/v1/users",
            "https://api.example.com/v1/a/../b, https://api.example.com/v1/b",
            "https://api.example.com/v1/./a, https://api.example.com/v1/a",
            "/users, https://api.example.com/v1/users",
            "users/42?expand=all, https://api.example.com/v1/users/42?expand=all",
            "?page=2, https://api.example.com/v1?page=2",
            "/, https://api.example.com/v1/",
            "a/b/../c, https://api.example.com/v1/a/c",
            "https://api.example.com/v1/caf%C3%A9, https://api.example.com/v1/caf%C3%A9",
    })
    void urlsUnderTheAllowedUrlResolve(String url, String expected) {
        assertThat(AllowedUrls.resolve(ALLOWED, url, "url")).isEqualTo(URI.create(expected));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {
            "https://api.example.com/v10",
            "https://api.example.com/v1x/users",
            "https://api.example.com/",
            "https://api.example.com",
            "https://api.example.com/V1",
            "http://api.example.com/v1",
            "https://api.example.com:8443/v1",
            "https://api.example.com.evil.test/v1",
            "https://evil.test/v1",
            "https://api.example.com/v1/../admin",
            "https://api.example.com/v1/a/../../admin",
            "/../admin",
            "../admin",
            "a/../../admin",
            "https://api.example.com/v1/%2e%2e/admin",
            "https://api.example.com/v1/%2E%2E/admin",
            "https://api.example.com/v1/.%2e/admin",
            "https://api.example.com/v1/%2e/x",
            "https://api.example.com/v1/..%2fadmin",
            "https://api.example.com/v1%2f..%2fadmin",
            "https://api.example.com/v1/a%5c..%5cadmin",
            "https://api.example.com/v1/..;/admin",
            "https://api.example.com/v1/..;x=1/admin",
            "https://api.example.com/v1/%252e%252e/admin",
            "https://api.example.com/v1/a%00b",
            "//evil.test/v1",
    })
    void urlsOutsideTheAllowedUrlOrAmbiguousOnesAreRefused(String url) {
        Problem p = catchThrowableOfType(Problem.class, () -> AllowedUrls.resolve(ALLOWED, url, "url"));

        assertThat(p).as(url).isNotNull();
        assertThat(p.code()).isEqualTo("url_not_allowed");
        assertThat(p.field()).isEqualTo("url");
    }

    @ParameterizedTest(name = "{0} is invalid")
    @ValueSource(strings = {
            "https://user:pw@api.example.com/v1",
            "https://api.example.com@evil.test/v1",
            "https://api.example.com/v1#frag",
            "https://api.example.com/v1/a b",
            "https://api.example.com\\@evil.test/v1",
            "ftp://api.example.com/v1",
            "javascript:alert(1)",
            "https://api.example.com/v1/\u00e9",
            "https://api.example.com/v1/a\r\nX-Injected: 1",
            "https://api.example.com/v1/a%zz",
    })
    void malformedOrDeceptiveUrlsAreInvalid(String url) {
        Problem p = catchThrowableOfType(Problem.class, () -> AllowedUrls.resolve(ALLOWED, url, "url"));

        assertThat(p).as(url).isNotNull();
        assertThat(p.code()).isIn("invalid_url", "url_not_allowed");
    }

    @Test
    void anAllowedUrlWithoutPathAllowsTheWholeOrigin() {
        URI origin = URI.create("http://127.0.0.1:8081");

        assertThat(AllowedUrls.resolve(origin, "/anything/at/all", "url")).hasToString("http://127.0.0.1:8081/anything/at/all");
        assertThat(AllowedUrls.resolve(origin, "http://127.0.0.1:8081", "url")).hasToString("http://127.0.0.1:8081");
        assertThat(catchThrowableOfType(Problem.class, () -> AllowedUrls.resolve(origin, "http://127.0.0.1:8082/", "url")).code())
                .isEqualTo("url_not_allowed");
    }

    @Test
    void theDefaultPortIsThePortOfTheScheme() {
        URI allowed = URI.create("https://api.example.com:443/v1");

        assertThat(AllowedUrls.resolve(allowed, "https://api.example.com/v1/x", "url")).hasToString("https://api.example.com/v1/x");
    }

    @Test
    void aConnectionWithoutAllowedUrlCannotBeUsed() {
        Problem p = catchThrowableOfType(Problem.class, () -> AllowedUrls.resolve(null, "https://api.example.com/", "url"));

        assertThat(p.code()).isEqualTo("allowed_url_missing");
        assertThat(p.field()).isEqualTo("allowedUrl");
    }
}
