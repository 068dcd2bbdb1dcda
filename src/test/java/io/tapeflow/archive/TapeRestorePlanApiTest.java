package io.tapeflow.archive;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.TestSql;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A restore of many catalog paths, listed in any order, reads its cartridges in one pass in physical order. */
@MicronautTest(transactional = false)
class TapeRestorePlanApiTest extends TapeApiTestSupport {

    @Test
    void pathsListedInReversePhysicalOrderAreRestoredOnceEachWithEveryCartridgeLoadedOnce() throws Exception {
        long pool = poolOfSmallTapes("planlib");
        Path source = looseFilesASetAndABigFile();
        long src = container("plan-src", source);
        long archive = task("archive", "copy", Map.of("container_id", src, "file_path", "/data"),
                Map.of("pool_id", pool, "folder_path", "/projects"), Map.of("destination_type", "secondary_tape"));
        assertEquals("done", runToEnd(archive).get("status"));

        // The loose files, last on tape first; then the folder "set" and, after it, a file inside it.
        List<String> loose = physicalOrder("/projects/data/loose/%");
        Collections.reverse(loose);
        Path restored = Files.createTempDirectory("tf-plan-restore");
        long dst = container("plan-dst", restored);
        long restore = task("restore", "copy", Map.of("pool_id", pool, "file_path", loose.get(0)),
                Map.of("container_id", dst, "folder_path", "/"), Map.of("source_type", "secondary_tape"));
        List<String> more = new ArrayList<>(loose.subList(1, loose.size()));
        more.add("/projects/data/set");
        more.add("/projects/data/set/s 2.bin");
        for (String path : more) {
            ApiResponse added = post("/api/v2/tasks/" + restore + "/task_sources", Map.of("pool_id", pool, "file_path", path), ADMIN);
            assertEquals(201, added.status(), added.raw());
        }
        Map<Long, Long> mountsBefore = mountCounts(pool);

        ApiResponse back = runToEnd(restore);

        assertEquals("done", back.get("status"), back.raw());
        assertEquals(14, ((Number) back.get("processed_files")).intValue(), "each file once: " + back.raw());
        assertEquals(14, ((Number) back.get("to_process_files")).intValue(), back.raw());
        for (Path file : files(source.resolve("data/loose"))) {
            assertEquals(-1L, Files.mismatch(source.resolve("data/loose").resolve(file), restored.resolve(file)), file.toString());
        }
        assertEquals(files(source.resolve("data/set")), files(restored.resolve("set")));
        for (Path file : files(source.resolve("data/set"))) {
            assertEquals(-1L, Files.mismatch(source.resolve("data/set").resolve(file), restored.resolve("set").resolve(file)), file.toString());
        }
        assertFalse(Files.exists(restored.resolve("s 2.bin")), "the file inside the folder is restored where the folder puts it, only");
        assertEquals(14, files(restored).size(), files(restored).toString());

        Map<Long, Long> mountsAfter = mountCounts(pool);
        long tapesRead = count("SELECT COUNT(DISTINCT c.tape_id) FROM catalog_copy c JOIN catalog_file f ON f.id = c.file_id "
                + "WHERE f.path LIKE '/projects/data/%'");
        assertTrue(tapesRead >= 2, "the archive spans cartridges");
        for (Map.Entry<Long, Long> tape : mountsAfter.entrySet()) {
            assertTrue(tape.getValue() - mountsBefore.get(tape.getKey()) <= 1, "tape " + tape.getKey() + " loaded at most once: "
                    + mountsBefore + " -> " + mountsAfter);
        }
        assertEquals(0, count("SELECT COUNT(*) FROM restore_item"), "a finished restore drops its plan");
    }

    /**
     * {@code data/loose}: 8 files of 500 kB and {@code big.bin} of 5 MiB (it spans 4 MiB tapes); {@code data/set}: 5 files
     * of 500 kB.
     */
    private static Path looseFilesASetAndABigFile() throws IOException {
        Path root = Files.createTempDirectory("tf-plan-src");
        Path loose = Files.createDirectories(root.resolve("data/loose"));
        Path set = Files.createDirectories(root.resolve("data/set"));
        Random random = new Random(11);
        for (int i = 0; i < 8; i++) {
            Files.write(loose.resolve("f " + i + ".bin"), bytes(random, 500_000 + i));
        }
        Files.write(loose.resolve("big.bin"), bytes(random, 5 << 20));
        for (int i = 0; i < 5; i++) {
            Files.write(set.resolve("s " + i + ".bin"), bytes(random, 500_000 + i));
        }
        return root;
    }

    private static byte[] bytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The catalog paths matching {@code pattern}, in the order of their first part on tape. */
    private List<String> physicalOrder(String pattern) {
        return new TestSql(dataSource).strings("SELECT f.path FROM catalog_file f JOIN catalog_copy c ON c.file_id = f.id "
                + "WHERE f.path LIKE ? AND c.part_offset = 0 ORDER BY c.tape_id, c.tape_file, c.position", pattern);
    }

    private Map<Long, Long> mountCounts(long pool) {
        Map<Long, Long> counts = new HashMap<>();
        for (Map<String, Object> tape : tapes(pool)) {
            counts.put(((Number) tape.get("id")).longValue(), ((Number) tape.get("mount_count")).longValue());
        }
        return counts;
    }
}
