package io.tapeflow.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class OpenApiAndHealthTest extends ApiTestSupport {

    private static String generatedSpec() throws IOException {
        try (InputStream in = OpenApiAndHealthTest.class.getResourceAsStream("/META-INF/swagger/tapeflow.yml")) {
            assertNotNull(in, "the build generates META-INF/swagger/tapeflow.yml");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theCommittedSpecIsTheOneTheCodeGenerates() throws IOException {
        String committed = Files.readString(Path.of("openapi/tapeflow.yml"));

        assertEquals(generatedSpec(), committed,
                "openapi/tapeflow.yml is stale: run ./mvnw compile && cp target/classes/META-INF/swagger/tapeflow.yml openapi/");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyApiOperationDeclaresItsApiKeyScope() throws IOException {
        Map<String, Object> spec = new Yaml().load(generatedSpec());
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) spec.get("paths");
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) operation.getValue().get("security");
                List<String> scopes = security == null ? List.of() : security.stream()
                        .filter(s -> s.containsKey("api_key")).flatMap(s -> s.get("api_key").stream()).toList();
                assertEquals(1, scopes.size(), operation.getKey() + " " + path.getKey() + " declares one scope");
                assertTrue(scopes.get(0).matches("[a-z_]+/[a-z_]+"), scopes.get(0));
                operations++;
            }
        }
        assertTrue(operations >= 17, "found " + operations + " operations");
    }

    @Test
    void theSpecAndSwaggerUiAreServedWithoutCredentials() throws IOException {
        ApiResponse spec = get("/openapi/tapeflow.yml", Auth.NONE);
        assertEquals(200, spec.status());
        assertEquals(generatedSpec(), spec.raw());

        ApiResponse ui = get("/swagger-ui/index.html", Auth.NONE);
        assertEquals(200, ui.status());
        assertTrue(ui.raw().contains("/openapi/tapeflow.yml"), "Swagger UI points at the spec");
    }

    @Test
    void healthReportsTheDatabaseWithoutCredentials() {
        ApiResponse health = get("/health", Auth.NONE);

        assertEquals(200, health.status(), health.raw());
        assertEquals("UP", health.get("status"));
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) health.get("details");
        assertEquals("UP", ((Map<?, ?>) details.get("jdbc")).get("status"));
    }
}
