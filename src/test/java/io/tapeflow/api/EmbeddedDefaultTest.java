package io.tapeflow.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With no database configured the service keeps an H2 file database in TAPEFLOW_DATA_DIR. */
@MicronautTest(transactional = false)
class EmbeddedDefaultTest extends ApiTestSupport {

    private Path dataDir;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.keySet().removeIf(key -> key.startsWith("datasources."));
        dataDir = Path.of(properties.get("tapeflow.data-dir"));
        return properties;
    }

    @Test
    void theEmbeddedDatabaseIsAFileInTheDataDirectory() {
        assertEquals(201, createTask(ADMIN, Map.of("name", "kept-on-disk")).status());

        assertTrue(Files.exists(dataDir.resolve("tapeflow.mv.db")), "H2 file under " + dataDir);
        String health = get("/health", Auth.NONE).raw();
        assertTrue(health.contains("\"database\":\"H2\"") && health.contains(dataDir.toString()), health);
    }
}
