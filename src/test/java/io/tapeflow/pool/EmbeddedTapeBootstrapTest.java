package io.tapeflow.pool;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With no database configured, the first start offers a virtual library and a pool of its tapes. */
@MicronautTest(transactional = false)
class EmbeddedTapeBootstrapTest extends ApiTestSupport {

    private Path dataDir;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.keySet().removeIf(key -> key.startsWith("datasources."));
        properties.put("tapeflow.library.virtual-capacity", "4194304");
        dataDir = Path.of(properties.get("tapeflow.data-dir"));
        return properties;
    }

    @Test
    void theFirstStartCreatesAVirtualLibraryAndADefaultPoolOfItsTapes() {
        ApiResponse library = get("/api/v2/tape_libraries/virtual", ADMIN);
        ApiResponse pool = get("/api/v2/pools/default", ADMIN);

        assertEquals(200, library.status(), library.raw());
        assertEquals(20, library.get("storage_slots"));
        assertEquals(2, library.get("io_slots"));
        assertEquals(2L, ((Number) get("/api/v2/tape_libraries/virtual/tape_drives", ADMIN).get("count")).longValue());
        assertTrue(Files.exists(dataDir.resolve("libraries/virtual/slots/1/TF0001L9/cartridge.properties")));
        assertEquals("active_archive", pool.get("type"));
        assertEquals("tape", pool.get("content"));
        assertEquals(10, ((List<?>) pool.get("tape_ids")).size());
        assertEquals(4194304, get("/api/v2/tapes/TF0010L9", ADMIN).get("max"));
    }
}
