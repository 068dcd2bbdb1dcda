package io.tapeflow.health;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.CopyRuns;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * /health: UP with the database, the job server and each library; DEGRADED (still 200) when a library
 * stops answering or a destination container is short of space (here any destination is: the threshold
 * is set above any disk).
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthApiTest extends ApiTestSupport {

    private final CopyRuns runs = new CopyRuns(this);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tapeflow.health.container-min-free", String.valueOf(Long.MAX_VALUE));
        properties.put("tapeflow.health.library-check-interval", "0s");
        return properties;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> component(ApiResponse health, String name) {
        Map<String, Object> component = (Map<String, Object>) ((Map<String, Object>) health.get("details")).get(name);
        assertNotNull(component, name + " is reported: " + health.raw());
        return component;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(ApiResponse health, String component, String entry) {
        return (Map<String, Object>) ((Map<String, Object>) component(health, component).get("details")).get(entry);
    }

    @Test
    @Order(1)
    void aHealthyNodeIsUpWithTheDatabaseTheJobServerAndItsLibraries() throws Exception {
        ApiResponse library = post("/api/v2/tape_libraries", Map.of("name", "healthlib", "protocol", "virtual",
                "device", Files.createTempDirectory("tf-health").resolve("healthlib").toString(), "drives", 2, "storage_slots", 4,
                "io_slots", 1, "cartridges", 2, "cartridge_capacity", 1_000_000, "barcode_prefix", "HL"), ADMIN);
        assertEquals(201, library.status(), library.raw());

        ApiResponse health = get("/health", Auth.NONE);

        assertEquals(200, health.status(), health.raw());
        assertEquals("UP", health.get("status"));
        assertEquals("UP", component(health, "database").get("status"));
        assertEquals("UP", component(health, "jobrunr").get("status"));
        assertEquals("UP", component(health, "tape_libraries").get("status"));
        assertEquals(2, detail(health, "tape_libraries", "healthlib").get("drives"));
        assertEquals("UP", component(health, "containers").get("status"), "no task writes to a container yet");
    }

    @Test
    @Order(2)
    void aLibraryThatStopsAnsweringDegradesTheServiceButKeepsItServing() throws Exception {
        Path dir = Path.of((String) get("/api/v2/tape_libraries/healthlib", ADMIN).get("device"));
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        ApiResponse health = get("/health", Auth.NONE);

        assertEquals(200, health.status(), "DEGRADED still serves: " + health.raw());
        assertEquals("DEGRADED", health.get("status"));
        assertEquals("DEGRADED", component(health, "tape_libraries").get("status"));
        assertEquals("DEGRADED", detail(health, "tape_libraries", "healthlib").get("status"));
        assertNotNull(detail(health, "tape_libraries", "healthlib").get("error"));
        assertEquals("UP", component(health, "database").get("status"));
    }

    @Test
    @Order(3)
    void aDestinationShortOfSpaceDegradesTheServiceWithoutShowingItsPath() throws Exception {
        Path destination = Files.createTempDirectory("tf-health-dst");
        runs.copyTask("health-copy", Files.createTempDirectory("tf-health-src"), destination);

        ApiResponse health = get("/health", Auth.NONE);

        assertEquals(200, health.status(), health.raw());
        assertEquals("DEGRADED", component(health, "containers").get("status"), health.raw());
        Map<String, Object> container = detail(health, "containers", "health-copy-dst");
        assertEquals("DEGRADED", container.get("status"));
        assertNotNull(container.get("free"));
        assertFalse(health.raw().contains(destination.toString()), "paths are not shown to anonymous callers");
        assertEquals(null, detail(health, "containers", "health-copy-src"), "only destinations are checked");
    }
}
