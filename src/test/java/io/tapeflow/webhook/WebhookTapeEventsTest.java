package io.tapeflow.webhook;

import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.CopyRuns;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tape trouble reaches the webhooks: a pool with no room left, a write-protected cartridge. */
@MicronautTest(transactional = false)
class WebhookTapeEventsTest extends ApiTestSupport {

    private static final long CAPACITY = 4L << 20;
    private final CopyRuns runs = new CopyRuns(this);

    /** A virtual library of 3 small cartridges; answers their ids by barcode order. */
    private List<Long> smallCartridges(String name) throws Exception {
        ApiResponse library = post("/api/v2/tape_libraries", Map.of("name", name, "protocol", "virtual",
                "device", Files.createTempDirectory("tf-lib").resolve(name).toString(), "drives", 1, "storage_slots", 6,
                "io_slots", 1, "cartridges", 3, "cartridge_capacity", CAPACITY, "barcode_prefix", "WH"), ADMIN);
        assertEquals(201, library.status(), library.raw());
        return get("/api/v2/tapes?tape_library_id=" + library.id() + "&sort_by=barcode", ADMIN).list("tapes").stream()
                .map(t -> ((Number) t.get("id")).longValue()).toList();
    }

    private long archiveTask(String name, Path source, Map<String, Object> destination) {
        long task = createTask(ADMIN, Map.of("name", name, "workflow_action", "copy", "destination_type", "secondary_tape")).id();
        assertEquals(201, post("/api/v2/tasks/" + task + "/task_sources",
                Map.of("container_id", runs.container(name + "-src", source), "file_path", "/"), ADMIN).status());
        ApiResponse d = post("/api/v2/tasks/" + task + "/task_destinations", destination, ADMIN);
        assertEquals(201, d.status(), d.raw());
        return task;
    }

    private List<Map<String, Object>> bodies(Receiver receiver, String event) {
        return receiver.requests().stream().filter(r -> event.equals(r.event())).map(r -> {
            try {
                return json.readValue(r.body(), Argument.mapOf(String.class, Object.class));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    @Test
    void aPoolWithoutRoomAndAWriteProtectedTapeAreReported() throws Exception {
        try (Receiver receiver = new Receiver()) {
            ApiResponse hook = post("/api/v2/webhooks", Map.of("url", receiver.url(), "secret", "sixteen-chars-secret",
                    "events", List.of("tape_full", "tape_error", "execution_failed")), ADMIN);
            assertEquals(201, hook.status(), hook.raw());
            List<Long> tapes = smallCartridges("hooklib");
            ApiResponse pool = post("/api/v2/pools", Map.of("name", "tiny", "type", "active_archive", "tape_ids", List.of(tapes.get(0))), ADMIN);
            assertEquals(201, pool.status(), pool.raw());
            Path big = Files.createTempDirectory("tf-hook-big");
            byte[] data = new byte[7 << 20];
            new Random(3).nextBytes(data);
            Files.write(big.resolve("big.bin"), data);

            ApiResponse overflow = runs.runToEnd(archiveTask("overflow", big, Map.of("pool_id", pool.id(), "folder_path", "/")));

            assertEquals("error", overflow.get("status"), overflow.raw());
            CopyRuns.await("tape_full and execution_failed", () -> !bodies(receiver, "tape_full").isEmpty()
                    && !bodies(receiver, "execution_failed").isEmpty());
            Map<String, Object> full = bodies(receiver, "tape_full").get(0);
            assertEquals(pool.id(), ((Number) ((Map<?, ?>) full.get("pool")).get("id")).longValue(), full.toString());
            assertEquals(tapes.get(0), ((Number) ((Map<?, ?>) full.get("tape")).get("id")).longValue(), full.toString());
            assertEquals(overflow.id(), ((Number) ((Map<?, ?>) full.get("execution")).get("id")).longValue());
            assertTrue(((String) full.get("message")).contains("no writable tape"), full.toString());
            assertEquals("error", ((Map<?, ?>) bodies(receiver, "execution_failed").get(0).get("execution")).get("status"));

            long protectedTape = tapes.get(1);
            assertEquals(200, put("/api/v2/tapes/" + protectedTape, Map.of("write_protect", true), ADMIN).status());
            Path small = Files.createTempDirectory("tf-hook-small");
            Files.writeString(small.resolve("note.txt"), "hello");

            ApiResponse refused = runs.runToEnd(archiveTask("protected", small, Map.of("tape_id", protectedTape, "folder_path", "/")));

            assertEquals("error", refused.get("status"), refused.raw());
            CopyRuns.await("tape_error", () -> !bodies(receiver, "tape_error").isEmpty());
            Map<String, Object> error = bodies(receiver, "tape_error").get(0);
            assertEquals(protectedTape, ((Number) ((Map<?, ?>) error.get("tape")).get("id")).longValue(), error.toString());
            assertEquals(0, ((Number) ((Map<?, ?>) error.get("drive")).get("number")).intValue(), error.toString());
            assertTrue(((String) error.get("message")).contains("write-protected"), error.toString());
            assertEquals(1, bodies(receiver, "tape_full").size(), "the second run was no tape_full");
        }
    }
}
