package io.tapeflow.config;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The effective configuration: what the node was started with, secrets never shown, admins only. */
@MicronautTest(transactional = false)
class ConfigApiTest extends ApiTestSupport {

    private static final String DASHBOARD_PASSWORD = "dashboard-secret-77";
    /** An in-memory H2 database is created with the credentials of its first connection, so H2 can have one. */
    private static final String H2_PASSWORD = "database-secret-9";

    private Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> base = new java.util.HashMap<>(super.getProperties());
        base.put("tapeflow.jobs.dashboard-password", DASHBOARD_PASSWORD);
        base.put("tapeflow.jobs.workers", "3");
        base.put("tapeflow.jobs.poll-interval", "7s");
        base.put("tapeflow.tape-runs.drive-wait-timeout", "90s");
        if (!TestDatabase.isMariaDb()) {
            base.put("datasources.default.password", H2_PASSWORD);
        }
        properties = base;
        return base;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(ApiResponse response, String name) {
        return (Map<String, Object>) response.get(name);
    }

    @Test
    void anAdminSeesTheEffectiveSettingsWithoutAnySecret() throws Exception {
        Path libraryDir = Files.createTempDirectory("tf-lib").resolve("cfglib");
        assertEquals(201, post("/api/v2/tape_libraries", Map.of("name", "cfglib", "protocol", "virtual", "device", libraryDir.toString(),
                "drives", 1, "storage_slots", 2, "io_slots", 1, "cartridges", 1, "cartridge_capacity", 1 << 20, "barcode_prefix", "CF"),
                ADMIN).status());

        ApiResponse config = get("/api/v2/config", ADMIN);

        assertEquals(200, config.status(), config.raw());
        for (String secret : List.of(ADMIN_PASSWORD, DASHBOARD_PASSWORD, H2_PASSWORD)) {
            assertFalse(config.raw().contains(secret), "leaks " + secret + ": " + config.raw());
        }
        String databasePassword = properties.getOrDefault("datasources.default.password", "");
        if (!databasePassword.isEmpty()) {
            assertFalse(config.raw().contains(databasePassword), config.raw());
        }
        assertEquals(Secrets.MASK, config.get("admin_password"));
        Map<String, Object> database = section(config, "database");
        assertEquals(properties.get("datasources.default.url"), database.get("url"));
        assertEquals(databasePassword.isEmpty() ? null : Secrets.MASK, database.get("password"));
        Map<String, Object> jobs = section(config, "jobs");
        assertEquals(Secrets.MASK, jobs.get("dashboard_password"));
        assertEquals(7, jobs.get("poll_interval_seconds"));
        assertEquals(3, jobs.get("workers"));
        assertEquals(3, jobs.get("workers_configured"));
        assertEquals(false, jobs.get("dashboard"));
        assertEquals(90, section(config, "tape_runs").get("drive_wait_timeout_seconds"));
        assertEquals(Path.of(properties.get("tapeflow.data-dir")).toAbsolutePath().normalize().toString(), config.get("data_dir"));
        assertEquals(List.of("virtual"), config.get("library_drivers"));
        assertEquals(List.of(Map.of("id", ((Number) config.list("tape_libraries").get(0).get("id")).intValue(), "name", "cfglib",
                "protocol", "virtual", "status", "online")), config.list("tape_libraries"));
        assertEquals(Map.of("list_default_limit", 50, "list_max_limit", 1000, "batch_max_ids", 1000, "max_request_size", 1048576),
                section(config, "limits"));
        assertTrue(((String) config.get("version")).matches("\\d+\\.\\d+\\.\\d+.*"), config.raw());
    }

    @Test
    void onlyAdminsAndKeysWithTheScopeMayReadIt() {
        Auth user = createUser("ursula", "user");
        assertEquals(403, get("/api/v2/config", user).status());
        assertEquals(403, get("/api/v2/config", createUser("gary", "guest")).status());
        assertEquals(401, get("/api/v2/config", Auth.NONE).status());
        assertEquals(200, get("/api/v2/config", createKey(ADMIN, "config/show")).status());
        assertEquals(403, get("/api/v2/config", createKey(ADMIN, "statistics/storage")).status());
    }
}
