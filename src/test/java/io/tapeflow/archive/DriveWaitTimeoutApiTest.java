package io.tapeflow.archive;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run that waits for a drive longer than tapeflow.tape-runs.drive-wait-timeout gives up, in error, and leaves the queue. */
@MicronautTest(transactional = false)
class DriveWaitTimeoutApiTest extends TapeApiTestSupport {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("tapeflow.tape-runs.drive-wait-timeout", "2s");
        return properties;
    }

    @Test
    void aRunWaitingForAnOfflineDriveGivesUpAfterTheWaitTimeout() throws Exception {
        long pool = poolOfSmallTapes("timeoutlib");
        // The library's only drive is offline: the scheduler gives it to nobody.
        List<Map<String, Object>> drives = get("/api/v2/tape_drives", ADMIN).list("tape_drives");
        assertEquals(1, drives.size(), drives.toString());
        ApiResponse offline = put("/api/v2/tape_drives/" + drives.get(0).get("id"), Map.of("status", "offline"), ADMIN);
        assertEquals(200, offline.status(), offline.raw());
        Path source = Files.createTempDirectory("tf-src");
        Files.writeString(source.resolve("waits.txt"), "waits for a drive");
        long task = task("waits", "copy", Map.of("container_id", container("timeout-src", source), "file_path", "/"),
                Map.of("pool_id", pool, "folder_path", "/"), Map.of());

        ApiResponse ended = runToEnd(task);

        assertEquals("error", ended.get("status"), ended.raw());
        assertTrue(((String) ended.get("status_text")).contains("gave up waiting for a drive after 2 s"), ended.raw());
        String log = get("/api/v2/task_executions/" + ended.id() + "/log", ADMIN).raw();
        assertTrue(log.contains("gave up waiting for a drive"), log);
        assertFalse(log.contains("granted"), log);
        assertEquals(0, count("SELECT COUNT(*) FROM drive_request"), "the run left the queue");
        assertEquals(0, count("SELECT COUNT(*) FROM catalog_file"), "nothing archived");
    }
}
