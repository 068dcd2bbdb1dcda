package io.tapeflow.archive;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.library.LibraryDrivers;
import io.tapeflow.library.virtual.LibrarySettings;
import io.tapeflow.library.virtual.VirtualLibrary;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.TestSql;
import io.tapeflow.tapeformat.TapeFormat;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Duplication of a pool onto another with two drives, restores from the copy when the original is lost, and rehydratation. */
@MicronautTest(transactional = false)
class TapeDuplicationApiTest extends TapeApiTestSupport {

    @Inject
    LibraryDrivers drivers;

    @Test
    void aDuplicateOnAnotherPoolRestoresByteForByteOnceTheOriginalTapesAreLost() throws Exception {
        Path dir = Files.createTempDirectory("tf-lib").resolve("duplib");
        long library = library("duplib", dir, 2, 10);
        long poolA = pool("dup-a", library, 0, 4);
        long poolB = pool("dup-b", library, 5, 9);
        Path source = tree();
        long archive = task("dup-archive", "copy", Map.of("container_id", container("dup-src", source), "file_path", "/data"),
                Map.of("pool_id", poolA, "folder_path", "/projects"), Map.of());
        assertEquals("done", runToEnd(archive).get("status"));
        assertTrue(count("SELECT COUNT(*) FROM catalog_copy WHERE part_offset > 0") >= 1, "the big file spans tapes of pool A");

        long duplicate = task("dup-a-to-b", "duplication", Map.of("pool_id", poolA), Map.of("pool_id", poolB), Map.of());
        ApiResponse duplicated = runToEnd(duplicate);

        assertEquals("done", duplicated.get("status"), duplicated.raw());
        assertEquals(22, ((Number) duplicated.get("processed_files")).intValue(), duplicated.raw());
        assertEquals(22, count("SELECT COUNT(*) FROM catalog_file f WHERE f.size = (SELECT SUM(c.part_length) FROM catalog_copy c "
                + "JOIN tape t ON t.id = c.tape_id WHERE c.file_id = f.id AND t.pool_id = ?)", poolB), "every file whole on pool B");
        long copiesOnB = count("SELECT COUNT(*) FROM catalog_copy c JOIN tape t ON t.id = c.tape_id WHERE t.pool_id = ?", poolB);

        ApiResponse again = runToEnd(duplicate);
        assertEquals("done", again.get("status"), again.raw());
        assertEquals(0, ((Number) again.get("processed_files")).intValue(), "files copied already are left out: " + again.raw());
        assertEquals(copiesOnB, count("SELECT COUNT(*) FROM catalog_copy c JOIN tape t ON t.id = c.tape_id WHERE t.pool_id = ?", poolB));

        for (Map<String, Object> tape : tapes(poolA)) {
            ApiResponse lost = put("/api/v2/tapes/" + tape.get("barcode"), Map.of("lost", true), ADMIN);
            assertEquals(200, lost.status(), lost.raw());
            wipeData(dir, (String) tape.get("barcode"));
        }
        Path restored = Files.createTempDirectory("tf-restore");
        long restore = task("dup-restore", "copy", Map.of("pool_id", poolA, "file_path", "/projects/data"),
                Map.of("container_id", container("dup-dst", restored), "folder_path", "/"), Map.of("source_type", "secondary_tape"));
        ApiResponse back = runToEnd(restore);

        assertEquals("done", back.get("status"), back.raw());
        assertEquals(files(source.resolve("data")), files(restored.resolve("data")));
        for (Path file : files(source.resolve("data"))) {
            assertEquals(-1L, Files.mismatch(source.resolve("data").resolve(file), restored.resolve("data").resolve(file)), file.toString());
        }
    }

    @Test
    void aPausedDuplicationResumesFromItsCheckpointAndCopiesEachFileOnce() throws Exception {
        long library = library("pauselib", Files.createTempDirectory("tf-lib").resolve("pauselib"), 2, 10);
        long poolA = pool("pause-a", library, 0, 4);
        long poolB = pool("pause-b", library, 5, 9);
        long archive = task("pause-archive", "copy", Map.of("container_id", container("pause-src", tree()), "file_path", "/data"),
                Map.of("pool_id", poolA, "folder_path", "/"), Map.of());
        assertEquals("done", runToEnd(archive).get("status"));
        VirtualLibrary robot = (VirtualLibrary) drivers.driver(library);
        robot.settings(new LibrarySettings(0, 0, 1L << 20)); // 1 MiB/s: the copy takes seconds, the pause lands mid-run
        long duplicate = task("pause-dup", "duplication", Map.of("pool_id", poolA), Map.of("pool_id", poolB), Map.of());
        start(duplicate);
        await(duplicate, task -> ((Number) task.get("processed_size")).longValue() > 0);

        assertEquals(202, put("/api/v2/tasks/" + duplicate + "/action/pause", Map.of(), ADMIN).status());
        Map<String, Object> paused = await(duplicate, task -> "paused".equals(task.get("status")));
        assertTrue(((Number) paused.get("processed_size")).longValue() < ((Number) paused.get("to_process_size")).longValue(), paused.toString());
        awaitCount(0, "a paused run holds no drive",
                "SELECT COUNT(*) FROM tape_drive WHERE tape_library_id = ? AND execution_id IS NOT NULL", library);
        robot.settings(LibrarySettings.FAST);
        assertEquals(202, put("/api/v2/tasks/" + duplicate + "/action/resume", Map.of(), ADMIN).status());
        Map<String, Object> done = await(duplicate, task -> "done".equals(task.get("status")) || "error".equals(task.get("status")));

        assertEquals("done", done.get("status"), done.toString());
        assertEquals(22, count("SELECT COUNT(*) FROM catalog_file f WHERE f.size = (SELECT SUM(c.part_length) FROM catalog_copy c "
                + "JOIN tape t ON t.id = c.tape_id WHERE c.file_id = f.id AND t.pool_id = ?)", poolB), "one whole copy of each file on B");
    }

    /** The task once {@code reached} holds for it. */
    private Map<String, Object> await(long task, java.util.function.Predicate<Map<String, Object>> reached) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plus(PATIENCE);
        Map<String, Object> last = get("/api/v2/tasks/" + task, ADMIN).body();
        while (!reached.test(last)) {
            assertTrue(java.time.Instant.now().isBefore(deadline), "timed out; last: " + last);
            Thread.sleep(50);
            last = get("/api/v2/tasks/" + task, ADMIN).body();
        }
        return last;
    }

    @Test
    void rehydratingATapeMovesItsLiveFilesToOtherTapesOfThePoolAndFormatsIt() throws Exception {
        // Room for the files once more besides the tapes they span: the big file is rewritten whole, on other tapes.
        long library = library("rehydlib", Files.createTempDirectory("tf-lib").resolve("rehydlib"), 2, 7);
        long pool = pool("rehyd", library, 0, 6);
        Path source = tree();
        long archive = task("rehyd-archive", "copy", Map.of("container_id", container("rehyd-src", source), "file_path", "/data"),
                Map.of("pool_id", pool, "folder_path", "/projects"), Map.of());
        assertEquals("done", runToEnd(archive).get("status"));
        // The tape holding the end of the big file: rehydrating it rewrites that file whole, read from two tapes.
        long tape = count("SELECT MAX(tape_id) FROM catalog_copy WHERE part_offset > 0");
        String barcode = (String) get("/api/v2/tapes/" + tape, ADMIN).get("barcode");
        List<Path> deleted = new ArrayList<>();
        TestSql sql = new TestSql(dataSource);
        for (int i = 0; i < 20; i += 2) {
            String path = "/projects/data/été 2024/note " + i + ".txt";
            if (count("SELECT COUNT(*) FROM catalog_copy c JOIN catalog_file f ON f.id = c.file_id WHERE f.path = ? AND c.tape_id = ?", path, tape) > 0) {
                sql.insert("DELETE FROM catalog_file WHERE path = ?", path);
                deleted.add(Path.of("été 2024", "note " + i + ".txt"));
            }
        }
        assertTrue(!deleted.isEmpty() && count("SELECT COUNT(*) FROM catalog_copy WHERE tape_id = ?", tape) > deleted.size(),
                "the tape holds live files and deleted ones");

        long rehydrate = task("rehydrate", "rehydratation", Map.of("tape_barcode", barcode), null, Map.of());
        ApiResponse rehydrated = runToEnd(rehydrate);

        assertEquals("done", rehydrated.get("status"), rehydrated.raw());
        assertEquals(0, count("SELECT COUNT(*) FROM catalog_copy WHERE tape_id = ?", tape));
        assertEquals(22 - deleted.size(), count("SELECT COUNT(*) FROM catalog_file f WHERE f.size = (SELECT SUM(c.part_length) "
                + "FROM catalog_copy c JOIN tape t ON t.id = c.tape_id WHERE c.file_id = f.id AND t.pool_id = ?)", pool), "one whole copy each");
        Map<String, Object> formatted = get("/api/v2/tapes/" + barcode, ADMIN).body();
        assertEquals(CAPACITY - TapeFormat.LABEL_BLOCK_SIZE, ((Number) formatted.get("free")).longValue(), formatted.toString());
        assertEquals(((Number) formatted.get("max")).longValue() - TapeFormat.LABEL_BLOCK_SIZE, ((Number) formatted.get("free")).longValue());

        Path restored = Files.createTempDirectory("tf-restore");
        long restore = task("rehyd-restore", "copy", Map.of("pool_id", pool, "file_path", "/projects/data"),
                Map.of("container_id", container("rehyd-dst", restored), "folder_path", "/"), Map.of("source_type", "secondary_tape"));
        ApiResponse back = runToEnd(restore);
        assertEquals("done", back.get("status"), back.raw());
        List<Path> expected = new ArrayList<>(files(source.resolve("data")));
        expected.removeAll(deleted);
        assertEquals(expected, files(restored.resolve("data")));
        for (Path file : expected) {
            assertEquals(-1L, Files.mismatch(source.resolve("data").resolve(file), restored.resolve("data").resolve(file)), file.toString());
        }
    }

    @Test
    void aDuplicationReadsInOneLibraryWhileItWritesInAnother() throws Exception {
        long first = library("xafirst", Files.createTempDirectory("tf-lib").resolve("xafirst"), 1, 3);
        long second = library("xbsecond", Files.createTempDirectory("tf-lib").resolve("xbsecond"), 1, 3);
        long poolA = pool("cross-a", first, 0, 2);
        long poolB = pool("cross-b", second, 0, 2);
        Path source = Files.createTempDirectory("tf-src");
        for (int i = 0; i < 5; i++) {
            Files.writeString(source.resolve("f" + i + ".txt"), "file " + i);
        }
        long archive = task("cross-archive", "copy", Map.of("container_id", container("cross-src", source), "file_path", "/"),
                Map.of("pool_id", poolA, "folder_path", "/cross"), Map.of());
        assertEquals("done", runToEnd(archive).get("status"));

        ApiResponse duplicated = runToEnd(task("cross-dup", "duplication", Map.of("pool_id", poolA), Map.of("pool_id", poolB), Map.of()));

        assertEquals("done", duplicated.get("status"), duplicated.raw());
        assertEquals(5, count("SELECT COUNT(*) FROM catalog_copy c JOIN tape t ON t.id = c.tape_id WHERE t.tape_library_id = ?", second));
        awaitCount(0, "both drives released", "SELECT COUNT(*) FROM drive_request");
    }

    @Test
    void aDuplicationInALibraryOfOneDriveIsRefusedWithItsReason() throws Exception {
        long library = library("onedrive", Files.createTempDirectory("tf-lib").resolve("onedrive"), 1, 4);
        long poolA = pool("one-a", library, 0, 1);
        long poolB = pool("one-b", library, 2, 3);
        Path source = Files.createTempDirectory("tf-src");
        Files.writeString(source.resolve("a.txt"), "a");
        long archive = task("one-archive", "copy", Map.of("container_id", container("one-src", source), "file_path", "/"),
                Map.of("pool_id", poolA, "folder_path", "/"), Map.of());
        assertEquals("done", runToEnd(archive).get("status"));

        ApiResponse refused = runToEnd(task("one-dup", "duplication", Map.of("pool_id", poolA), Map.of("pool_id", poolB), Map.of()));

        assertEquals("error", refused.get("status"), refused.raw());
        assertTrue(((String) refused.get("status_text")).contains("needs two drives at once"), refused.raw());
        assertEquals(0, count("SELECT COUNT(*) FROM catalog_copy c JOIN tape t ON t.id = c.tape_id WHERE t.pool_id = ?", poolB));
    }

    /** Overwrites the data tape files of a virtual cartridge with zeros (its label stays): nothing can be read from it. */
    private static void wipeData(Path library, String barcode) throws IOException {
        Path cartridge;
        try (Stream<Path> found = Files.walk(library)) {
            cartridge = found.filter(p -> p.getFileName().toString().equals(barcode) && Files.isDirectory(p)).findFirst().orElseThrow();
        }
        try (Stream<Path> images = Files.list(cartridge)) {
            for (Path image : images.filter(p -> p.toString().endsWith(".tapefile") && !p.getFileName().toString().startsWith("000000")).toList()) {
                long size = Files.size(image);
                try (OutputStream out = Files.newOutputStream(image)) {
                    out.write(new byte[(int) size]);
                }
            }
        }
    }
}
