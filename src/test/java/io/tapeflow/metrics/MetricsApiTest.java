package io.tapeflow.metrics;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.CopyRuns;
import io.tapeflow.support.Scrape;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /prometheus: counters move with the work a run commits; gauges show drives, pools and the queue. */
@MicronautTest(transactional = false)
class MetricsApiTest extends ApiTestSupport {

    private final CopyRuns runs = new CopyRuns(this);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tapeflow.metrics.refresh", "1s");
        return properties;
    }

    private Scrape scrape() {
        ApiResponse response = get("/prometheus", Auth.NONE);
        assertEquals(200, response.status(), "Prometheus scrapes without credentials: " + response.raw());
        return new Scrape(response.raw());
    }

    @Test
    void aRunAddsItsBytesAndFilesAndItsEnd() throws Exception {
        Path source = Files.createTempDirectory("tf-met-src");
        long bytes = 0;
        for (int i = 0; i < 4; i++) {
            byte[] data = new byte[10_000 * (i + 1)];
            Files.write(source.resolve("f" + i + ".bin"), data);
            bytes += data.length;
        }
        long task = runs.copyTask("metered", source, Files.createTempDirectory("tf-met-dst"));
        Scrape before = scrape();

        ApiResponse execution = runs.runToEnd(task);

        assertEquals("done", execution.get("status"), execution.raw());
        CopyRuns.await("the run's end counted", () -> scrape().value("tapeflow_executions_ended_total", "status", "done")
                == before.value("tapeflow_executions_ended_total", "status", "done") + 1);
        Scrape after = scrape();
        String[] copyToContainer = {"workflow_action", "copy", "destination_type", "container"};
        assertEquals(bytes, after.value("tapeflow_processed_bytes_total", copyToContainer)
                - before.value("tapeflow_processed_bytes_total", copyToContainer), 0.5);
        assertEquals(4, after.value("tapeflow_processed_files_total", copyToContainer)
                - before.value("tapeflow_processed_files_total", copyToContainer), 0.5);
        assertTrue(after.has("tapeflow_queue_depth"), "queue depth is published");
        assertTrue(after.has("tapeflow_throughput_bytes_per_second"));
        assertTrue(after.has("tapeflow_executions"), "runs per unfinished status");
        assertEquals(1, after.value("jobrunr_jobs_by_state", "state", "BACKGROUND_JOB_SERVERS"), "JobRunr's job counts are published");
    }

    @Test
    void drivesAndPoolFreeSpaceAreGauged() throws Exception {
        ApiResponse library = post("/api/v2/tape_libraries", Map.of("name", "metlib", "protocol", "virtual",
                "device", Files.createTempDirectory("tf-met-lib").resolve("metlib").toString(), "drives", 2, "storage_slots", 6,
                "io_slots", 1, "cartridges", 3, "cartridge_capacity", 5_000_000, "barcode_prefix", "MT"), ADMIN);
        assertEquals(201, library.status(), library.raw());
        List<Long> tapes = get("/api/v2/tapes?tape_library_id=" + library.id(), ADMIN).list("tapes").stream()
                .map(t -> ((Number) t.get("id")).longValue()).toList();
        assertEquals(201, post("/api/v2/pools", Map.of("name", "metpool", "type", "active_archive", "tape_ids", tapes.subList(0, 2)), ADMIN).status());

        CopyRuns.await("the library and pool gauged", () -> scrape().value("tapeflow_pool_tapes", "pool", "metpool") == 2);
        Scrape scrape = scrape();

        assertEquals(2, scrape.value("tapeflow_drives", "library", "metlib"));
        assertEquals(0, scrape.value("tapeflow_drives_in_use", "library", "metlib"));
        assertEquals(0, scrape.value("tapeflow_drive_utilisation", "library", "metlib"));
        assertEquals(2 * 5_000_000, scrape.value("tapeflow_pool_free_bytes", "pool", "metpool"), 0.5);
    }
}
