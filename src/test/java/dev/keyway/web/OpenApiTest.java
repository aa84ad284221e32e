package dev.keyway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.testing.Api;
import dev.keyway.testing.KeywayUnderTest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Test
    void openApiDocumentListsExactlyTheRoutesKeywayServes() {
        try (KeywayUnderTest keyway = KeywayUnderTest.builder().start()) {
            Api.Answer doc = keyway.anonymous().get("/openapi.json");
            assertThat(doc.status()).isEqualTo(200);
            assertThat(doc.json().get("openapi").asText()).startsWith("3.1");

            Set<String> documented = new HashSet<>();
            doc.json().get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
                if (METHODS.contains(op.getKey())) {
                    documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }));
            Set<String> served = keyway.keyway().routes().api().stream()
                    .map(r -> r.method().text() + " " + r.path().replaceAll("/\\*$", "/{path}")) // Helidon's "rest of the path"
                    .collect(Collectors.toSet());

            assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
        }
    }

    @Test
    void everyDocumentedOperationNamesItsErrorAnswers() {
        try (KeywayUnderTest keyway = KeywayUnderTest.builder().start()) {
            JsonNode paths = keyway.anonymous().get("/openapi.json").json().get("paths");
            paths.properties().forEach(path -> path.getValue().properties().forEach(op -> {
                if (METHODS.contains(op.getKey())) {
                    assertThat(op.getValue().get("responses").has("401"))
                            .as(op.getKey() + " " + path.getKey() + " documents 401").isTrue();
                }
            }));
        }
    }
}
