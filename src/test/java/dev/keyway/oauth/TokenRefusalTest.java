package dev.keyway.oauth;

import static dev.keyway.oauth.Wire.NOW;
import static dev.keyway.oauth.Wire.json;
import static dev.keyway.oauth.Wire.refused;
import static dev.keyway.oauth.Wire.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenRefusalTest {

    private static TokenResult.Refused parse(OAuthResponse r) {
        return refused(TokenResponses.parse(r, NOW));
    }

    @ParameterizedTest
    @CsvSource({
            "400, invalid_grant", "401, invalid_client", "400, unauthorized_client", "400, unsupported_grant_type",
            "400, invalid_scope", "400, access_denied", "400, invalid_request", "403, some_vendor_error"})
    void definite4xxErrorsNeedReconnect(int status, String error) {
        TokenResult.Refused r = parse(json(status, "{\"error\":\"" + error + "\",\"error_description\":\"nope\"}"));
        assertThat(r.error()).isEqualTo(error);
        assertThat(r.description()).isEqualTo("nope");
        assertThat(r.httpStatus()).isEqualTo(status);
        assertThat(r.failure()).isEqualTo(Failure.NEEDS_RECONNECT);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 423, 425, 429, 500, 502, 503, 504})
    void retryableStatusesAreTransientEvenWithInvalidGrant(int status) {
        assertThat(parse(json(status, "{\"error\":\"invalid_grant\"}")).failure()).isEqualTo(Failure.TRANSIENT);
    }

    @ParameterizedTest
    @CsvSource({"400, temporarily_unavailable", "400, server_error", "200, temporarily_unavailable"})
    void retryableErrorCodesAreTransient(int status, String error) {
        TokenResult.Refused r = parse(json(status, "{\"error\":\"" + error + "\"}"));
        assertThat(r.error()).isEqualTo(error);
        assertThat(r.failure()).isEqualTo(Failure.TRANSIENT);
    }

    @Test
    void http200WithErrorMemberIsRefused() {
        TokenResult.Refused r = parse(json(200, """
                {"error":"bad_verification_code","error_description":"The code passed is incorrect or expired.",
                 "error_uri":"https://docs.github.com/apps"}"""));
        assertThat(r.error()).isEqualTo("bad_verification_code");
        assertThat(r.description()).isEqualTo("The code passed is incorrect or expired.");
        assertThat(r.failure()).isEqualTo(Failure.NEEDS_RECONNECT);
    }

    @Test
    void http200FormWithErrorIsRefused() {
        TokenResult.Refused r = parse(response(200, "application/x-www-form-urlencoded",
                "error=bad_refresh_token&error_description=The+refresh+token+passed+is+incorrect+or+expired."));
        assertThat(r.error()).isEqualTo("bad_refresh_token");
        assertThat(r.description()).isEqualTo("The refresh token passed is incorrect or expired.");
    }

    @Test
    void http200WithoutAccessTokenIsTransientInvalidTokenResponse() {
        TokenResult.Refused r = parse(json(200, "{\"token_type\":\"Bearer\"}"));
        assertThat(r.error()).isEqualTo("invalid_token_response");
        assertThat(r.failure()).isEqualTo(Failure.TRANSIENT);
    }

    @Test
    void htmlErrorPageIsServerErrorWithSanitizedExcerpt() {
        TokenResult.Refused r = parse(response(502, "text/html", """
                <html><head><style>body{color:red}</style><script>var t="x"</script></head>
                <body><h1>502 Bad Gateway</h1>\u0007<p>nginx</p></body></html>"""));
        assertThat(r.error()).isEqualTo("server_error");
        assertThat(r.failure()).isEqualTo(Failure.TRANSIENT);
        assertThat(r.description()).contains("502 Bad Gateway", "nginx").doesNotContain("<", "color", "var t", "\u0007");
    }

    @Test
    void garbled200IsTransient() {
        TokenResult.Refused r = parse(response(200, "application/json", "{\"access_token\":"));
        assertThat(r.error()).isEqualTo("invalid_token_response");
        assertThat(r.failure()).isEqualTo(Failure.TRANSIENT);
        assertThat(parse(response(200, null, "")).failure()).isEqualTo(Failure.TRANSIENT);
        assertThat(parse(json(200, "[1,2]")).failure()).isEqualTo(Failure.TRANSIENT);
    }

    @Test
    void plainText4xxNeedsReconnect() {
        TokenResult.Refused r = parse(response(401, "text/plain", "Unauthorized: bad client credentials"));
        assertThat(r.error()).isEqualTo("invalid_token_response");
        assertThat(r.failure()).isEqualTo(Failure.NEEDS_RECONNECT);
        assertThat(r.description()).contains("bad client credentials");
    }

    @Test
    void non2xxJsonWithoutErrorMemberUsesMessage() {
        TokenResult.Refused r = parse(json(401, "{\"message\":\"Bad credentials\"}"));
        assertThat(r.error()).isEqualTo("invalid_token_response");
        assertThat(r.description()).isEqualTo("Bad credentials");
        assertThat(r.failure()).isEqualTo(Failure.NEEDS_RECONNECT);
        assertThat(parse(json(503, "{}")).error()).isEqualTo("server_error");
    }

    @Test
    void nestedErrorObjectIsUnderstood() {
        TokenResult.Refused r = parse(json(400, """
                {"error":{"message":"Error validating verification code.","type":"OAuthException","code":100}}"""));
        assertThat(r.error()).isEqualTo("OAuthException");
        assertThat(r.description()).isEqualTo("Error validating verification code.");
        assertThat(r.failure()).isEqualTo(Failure.NEEDS_RECONNECT);
    }

    @Test
    void descriptionIsStrippedOfControlCharactersAndTruncated() {
        String longText = "x ".repeat(400);
        TokenResult.Refused r = parse(json(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"line1\\nline2\\u0000\\u202e " + longText + "\"}"));
        assertThat(r.description()).startsWith("line1 line2").doesNotContain("\n", "\u0000", "\u202e");
        assertThat(r.description().length()).isLessThanOrEqualTo(300);
    }

    @Test
    void tokenLookingWordsNeverReachTheDescription() {
        String rt = "1//0gAbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
        TokenResult.Refused r = parse(json(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"Token " + rt + " has been revoked\"}"));
        assertThat(r.description()).doesNotContain(rt).contains("Token [redacted] has been revoked");
        TokenResult.Refused page = parse(response(500, "text/plain", "failed for refresh_token=ya29.a0AfH6SMBx12345"));
        assertThat(page.description()).doesNotContain("ya29.a0AfH6SMBx12345");
    }

    @Test
    void errorCodeIsSanitized() {
        TokenResult.Refused r = parse(json(400, "{\"error\":\"bad\\u0000\\\"code\\n" + "z".repeat(100) + "\"}"));
        assertThat(r.error()).doesNotContain("\u0000", "\"", "\n").hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void whenARefusalCarriesRetryAfterInSecondsOrAsAnHttpDateThenItIsKeptRelativeToNow() {
        assertThat(parse(withHeader(json(429, "{}"), "Retry-After", " 120 ")).retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(parse(withHeader(json(503, "{}"), "retry-after", "Sun, 22 Nov 2026 12:10:00 GMT")).retryAfter())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(parse(withHeader(json(503, "{}"), "Retry-After", "Sun, 22 Nov 2026 11:00:00 GMT")).retryAfter())
                .as("a date in the past").isZero();
        assertThat(parse(withHeader(json(503, "{}"), "Retry-After", "soon")).retryAfter()).isNull();
        assertThat(parse(withHeader(json(503, "{}"), "Retry-After", "-5")).retryAfter()).isNull();
        assertThat(parse(json(503, "{}")).retryAfter()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"301, https://as.example/v2/token?x=1, ' to https://as.example;'", "307, /v2/token, within the same server",
            "302, 'http://[::1]:8080/t?s=1', ' to http://[::1]:8080;'", "308, javascript:alert(1), to a non-HTTP location"})
    void whenTheTokenUrlRedirectsThenTheRefusalIsDefiniteAndNamesOnlyTheLocationsOrigin(int status, String location,
                                                                                      String says) {
        TokenResult.Refused r = parse(withHeader(response(status, "text/html", "<a href=x>moved</a>"), "Location", location));

        assertThat(r.failure()).isEqualTo(Failure.NEEDS_RECONNECT);
        assertThat(r.httpStatus()).isEqualTo(status);
        assertThat(r.description()).contains("token URL redirects (HTTP " + status + ")").contains(says)
                .doesNotContain("token?", "x=1", "s=1", "alert");
        assertThat(parse(response(302, null, "")).description()).contains("HTTP 302").doesNotContain(" to ");
    }

    private static OAuthResponse withHeader(OAuthResponse r, String name, String value) {
        return new OAuthResponse(r.status(), r.contentType(), r.body(), Map.of(name, List.of(value)));
    }
}
