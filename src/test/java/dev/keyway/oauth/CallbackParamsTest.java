package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackParamsTest {

    @Test
    void successCallbackCarriesCodeStateAndIss() {
        CallbackParams p = CallbackParams.fromQuery(Map.of("code", "c0de", "state", "st", "iss", "https://as.example"));
        assertThat(p).isEqualTo(new CallbackParams("c0de", "st", null, null, "https://as.example"));
        assertThat(p.isError()).isFalse();
    }

    @Test
    void errorCallbackIsSanitized() {
        CallbackParams p = CallbackParams.fromQuery(Map.of("error", "access_denied", "state", "st",
                "error_description", "User\ndenied\u0000 " + "x ".repeat(500)));
        assertThat(p.isError()).isTrue();
        assertThat(p.error()).isEqualTo("access_denied");
        assertThat(p.errorDescription()).startsWith("User denied").doesNotContain("\n", "\u0000");
        assertThat(p.errorDescription().length()).isLessThanOrEqualTo(300);
    }

    @Test
    void blankOrMissingValuesAreNull() {
        CallbackParams p = CallbackParams.fromQuery(Map.of("code", " "));
        assertThat(p).isEqualTo(new CallbackParams(null, null, null, null, null));
        assertThat(CallbackParams.fromQuery(null).code()).isNull();
    }

    @Test
    void toStringHidesCodeAndState() {
        CallbackParams p = CallbackParams.fromQuery(Map.of("code", "SECRET-CODE", "state", "SECRET-STATE"));
        assertThat(p.toString()).doesNotContain("SECRET-CODE", "SECRET-STATE");
    }
}
