package io.tapeflow.archive;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.TestSql;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Archive to a pool of small virtual tapes, restore, format and eject, through the API and JobRunr. */
@MicronautTest(transactional = false)
class TapeRunApiTest extends TapeApiTestSupport {

    @Test
    void anArchiveSpansThreeTapesAndRestoresByteForByte() throws Exception {
        long pool = poolOfSmallTapes("spanlib");
        Path source = tree();
        long src = container("span-src", source);
        long archive = task("archive", "copy", Map.of("container_id", src, "file_path", "/data"),
                Map.of("pool_id", pool, "folder_path", "/projects"), Map.of("destination_type", "secondary_tape"));

        ApiResponse archived = runToEnd(archive);

        assertEquals("done", archived.get("status"), archived.raw());
        assertEquals(22, ((Number) archived.get("processed_files")).intValue(), archived.raw());
        List<Map<String, Object>> tapes = tapes(pool);
        long used = tapes.stream().filter(t -> ((Number) t.get("free")).longValue() < CAPACITY).count();
        assertTrue(used >= 3, "the archive spans at least 3 tapes: " + tapes);
        for (Map<String, Object> tape : tapes) {
            assertTrue(((Number) tape.get("free")).longValue() >= 0, "never overfilled: " + tape);
        }
        assertEquals(22, count("SELECT COUNT(*) FROM catalog_file WHERE path LIKE '/projects/data/%'"));
        assertTrue(count("SELECT COUNT(*) FROM catalog_copy WHERE part_offset > 0") >= 1, "the big file spans tapes");

        Path restored = Files.createTempDirectory("tf-restore");
        long dst = container("span-dst", restored);
        long restore = task("restore", "copy", Map.of("pool_id", pool, "file_path", "/projects/data"),
                Map.of("container_id", dst, "folder_path", "/"), Map.of("source_type", "secondary_tape"));

        ApiResponse back = runToEnd(restore);

        assertEquals("done", back.get("status"), back.raw());
        assertEquals(files(source.resolve("data")), files(restored.resolve("data")));
        for (Path file : files(source.resolve("data"))) {
            assertEquals(-1L, Files.mismatch(source.resolve("data").resolve(file), restored.resolve("data").resolve(file)), file.toString());
        }
        assertEquals(Files.getLastModifiedTime(source.resolve("data/big.bin")), Files.getLastModifiedTime(restored.resolve("data/big.bin")));

        // A subset by catalog path restores only that folder.
        Path subset = Files.createTempDirectory("tf-subset");
        long sub = container("subset-dst", subset);
        long partial = task("restore-subset", "copy", Map.of("pool_id", pool, "file_path", "/projects/data/été 2024"),
                Map.of("container_id", sub, "folder_path", "/"), Map.of("source_type", "secondary_tape"));
        ApiResponse some = runToEnd(partial);
        assertEquals("done", some.get("status"), some.raw());
        assertEquals(20, files(subset).size(), files(subset).toString());
        assertTrue(Files.isDirectory(subset.resolve("été 2024")));
    }

    @Test
    void thousandsOfSmallFilesSpanningTapesAreEachCataloguedOnceAndRestoreByteForByte() throws Exception {
        long pool = poolOfSmallTapes("manylib");
        Path source = Files.createTempDirectory("tf-many");
        Random random = new Random(11);
        int count = 2500; // several catalog steps per tape file (1000 files each), and more than a 4 MiB cartridge holds
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[2000 + random.nextInt(1000)];
            random.nextBytes(bytes);
            Files.write(Files.createDirectories(source.resolve("d" + i % 10)).resolve("f-" + i + ".bin"), bytes);
        }
        long src = container("many-src", source);
        long archive = task("archive-many", "copy", Map.of("container_id", src, "file_path", "/"),
                Map.of("pool_id", pool, "folder_path", "/many"), Map.of("destination_type", "secondary_tape"));

        ApiResponse archived = runToEnd(archive);

        assertEquals("done", archived.get("status"), archived.raw());
        assertEquals(count, ((Number) archived.get("processed_files")).intValue(), archived.raw());
        assertTrue(tapes(pool).stream().filter(t -> ((Number) t.get("free")).longValue() < CAPACITY).count() >= 3, "spans 3 tapes");
        assertEquals(count, count("SELECT COUNT(*) FROM catalog_file WHERE path LIKE '/many/%'"));
        assertEquals(count, count("SELECT COUNT(*) FROM catalog_file f WHERE f.path LIKE '/many/%' AND f.checksum IS NOT NULL "
                + "AND f.size = (SELECT SUM(c.part_length) FROM catalog_copy c WHERE c.file_id = f.id)"),
                "every file has a checksum and copies covering exactly its bytes");
        String log = get("/api/v2/task_executions/" + ((Number) archived.get("id")).longValue() + "/log", ADMIN).raw();
        assertEquals(count, log.lines().filter(line -> line.contains(" archived on ")).map(line -> line.split(" ")[2]).distinct().count(),
                "one line at least per file archived");

        Path restored = Files.createTempDirectory("tf-many-back");
        long dst = container("many-dst", restored);
        ApiResponse back = runToEnd(task("restore-many", "copy", Map.of("pool_id", pool, "file_path", "/many"),
                Map.of("container_id", dst, "folder_path", "/"), Map.of("source_type", "secondary_tape")));

        assertEquals("done", back.get("status"), back.raw());
        assertEquals(files(source), files(restored.resolve("many")));
        for (Path file : files(source)) {
            assertEquals(-1L, Files.mismatch(source.resolve(file), restored.resolve("many").resolve(file)), file.toString());
        }
    }

    @Test
    void formatRefusesATapeHoldingDataUnlessOverwriteAndEjectionMovesItToAnIoSlot() throws Exception {
        long pool = poolOfSmallTapes("fmtlib");
        Path source = Files.createTempDirectory("tf-src");
        Files.writeString(source.resolve("keep.txt"), "keep me");
        long src = container("fmt-src", source);
        long archive = task("fmt-archive", "copy", Map.of("container_id", src, "file_path", "/"),
                Map.of("pool_id", pool, "folder_path", "/"), Map.of());
        assertEquals("done", runToEnd(archive).get("status"));
        Map<String, Object> written = tapes(pool).stream().filter(t -> ((Number) t.get("free")).longValue() < CAPACITY).findFirst().orElseThrow();
        String barcode = (String) written.get("barcode");

        long format = task("format", "format", Map.of("tape_barcode", barcode), null, Map.of());
        ApiResponse refused = runToEnd(format);
        assertEquals("error", refused.get("status"), refused.raw());
        assertEquals(1, count("SELECT COUNT(*) FROM catalog_copy WHERE tape_barcode = ?", barcode));

        assertEquals(201, post("/api/v2/tasks/" + format + "/task_options", Map.of("type", "overwrite", "value", "true"), ADMIN).status());
        ApiResponse formatted = runToEnd(format);
        assertEquals("done", formatted.get("status"), formatted.raw());
        assertEquals(0, count("SELECT COUNT(*) FROM catalog_copy WHERE tape_barcode = ?", barcode));
        Map<String, Object> tape = get("/api/v2/tapes/" + barcode, ADMIN).body();
        assertEquals(CAPACITY - io.tapeflow.tapeformat.TapeFormat.LABEL_BLOCK_SIZE, ((Number) tape.get("free")).longValue(), tape.toString());

        long eject = task("eject", "ejection", Map.of("tape_barcode", barcode), null, Map.of());
        ApiResponse ejected = runToEnd(eject);
        assertEquals("done", ejected.get("status"), ejected.raw());
        tape = get("/api/v2/tapes/" + barcode, ADMIN).body();
        assertEquals(true, tape.get("ejected"), tape.toString());
        assertEquals("io 1", tape.get("location"), tape.toString());
    }

    @Test
    void aMoveToTapeDeletesItsSourcesOnceTheyAreOnTape() throws Exception {
        long pool = poolOfSmallTapes("movelib");
        Path source = Files.createTempDirectory("tf-src");
        for (int i = 0; i < 3; i++) {
            Files.writeString(source.resolve("file" + i + ".txt"), "content " + i);
        }
        long task = task("move-to-tape", "move", Map.of("container_id", container("move-src", source), "file_path", "/"),
                Map.of("pool_id", pool, "folder_path", "/moved"), Map.of());

        ApiResponse moved = runToEnd(task);

        assertEquals("done", moved.get("status"), moved.raw());
        assertEquals(List.of(), files(source), "sources are deleted once archived");
        assertEquals(3, count("SELECT COUNT(*) FROM catalog_file WHERE path LIKE '/moved/%' AND checksum IS NOT NULL"));
    }

    @Test
    void anArchiveWithConflictResolutionIgnoreSkipsTheFilesTheCatalogHoldsAlready() throws Exception {
        long pool = poolOfSmallTapes("ignorelib");
        Path source = Files.createTempDirectory("tf-src");
        for (int i = 0; i < 3; i++) {
            Files.writeString(source.resolve("file_" + i + ".txt"), "content " + i);
            // nanoseconds, as ext4 keeps them: the catalog keeps microseconds
            Files.setLastModifiedTime(source.resolve("file_" + i + ".txt"),
                    java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-01T00:00:0" + i + ".123456789Z")));
        }
        long task = task("archive-ignore", "copy", Map.of("container_id", container("ignore-src", source), "file_path", "/"),
                Map.of("pool_id", pool, "folder_path", "/kept"), Map.of("destination_type", "secondary_tape", "conflict_resolution", "ignore"));
        assertEquals(3, ((Number) runToEnd(task).get("processed_files")).intValue());
        Files.writeString(source.resolve("file_1.txt"), "changed content");
        Files.setLastModifiedTime(source.resolve("file_1.txt"), java.nio.file.attribute.FileTime.from(Instant.parse("2021-05-06T07:08:09Z")));

        ApiResponse again = runToEnd(task);

        assertEquals("done", again.get("status"), again.raw());
        assertEquals(1, ((Number) again.get("processed_files")).intValue(), again.raw());
        assertEquals(2, ((Number) again.get("skipped_files")).intValue(), again.raw());
        assertEquals(2, count("SELECT COUNT(*) FROM catalog_file WHERE path = '/kept/file_1.txt'"));
    }

    @Test
    void aWriteProtectedTapeAndAFullTapeEndTheRunWithTheirReason() throws Exception {
        long pool = poolOfSmallTapes("wplib");
        String protectedTape = (String) tapes(pool).get(0).get("barcode");
        ApiResponse flagged = put("/api/v2/tapes/" + protectedTape, Map.of("write_protect", true), ADMIN);
        assertEquals(200, flagged.status(), flagged.raw());
        Path source = Files.createTempDirectory("tf-src");
        Files.write(source.resolve("big.bin"), new byte[6 << 20]);
        long src = container("wp-src", source);

        long toProtected = task("to-protected", "copy", Map.of("container_id", src, "file_path", "/"),
                Map.of("tape_barcode", protectedTape, "folder_path", "/"), Map.of());
        ApiResponse refused = runToEnd(toProtected);
        assertEquals("error", refused.get("status"), refused.raw());
        assertTrue(((String) refused.get("status_text")).contains("write-protected"), refused.raw());
        assertEquals(CAPACITY, ((Number) get("/api/v2/tapes/" + protectedTape, ADMIN).get("free")).longValue(), "nothing written");

        String small = (String) tapes(pool).get(1).get("barcode");
        long toSmall = task("to-small", "copy", Map.of("container_id", src, "file_path", "/"),
                Map.of("tape_barcode", small, "folder_path", "/"), Map.of());
        ApiResponse full = runToEnd(toSmall);
        assertEquals("error", full.get("status"), full.raw());
        assertTrue(((String) full.get("status_text")).contains("is full"), full.raw());
        assertTrue(((Number) get("/api/v2/tapes/" + small, ADMIN).get("free")).longValue() >= 0, "never overfilled");
    }

    @Test
    void runsWaitingForTheOnlyDriveGetItByPriorityThenAge() throws Exception {
        Path dir = Files.createTempDirectory("tf-lib").resolve("prio");
        long pool = poolOfSmallTapes("prio", dir);
        // The first run holds the drive for about 10 s (its tapes take 512 KiB/s) while the others queue; it
        // fills two of the five tapes, leaving room for the others.
        io.tapeflow.library.virtual.VirtualLibrary.open(dir).settings(new io.tapeflow.library.virtual.LibrarySettings(0, 0, 512L << 10));
        Path slow = Files.createTempDirectory("tf-src");
        Files.write(slow.resolve("slow.bin"), new byte[5 << 20]);
        long blocker = task("blocker", "copy", Map.of("container_id", container("prio-slow", slow), "file_path", "/"),
                Map.of("pool_id", pool, "folder_path", "/slow"), Map.of("priority", 5));
        String blockerJob = start(blocker);
        awaitInProgress(blocker);
        Instant deadline = Instant.now().plus(PATIENCE);
        Map<Integer, Long> tasks = new java.util.LinkedHashMap<>();
        Map<Integer, String> jobs = new HashMap<>();
        for (int priority : new int[]{1, 10, 5}) {
            Path small = Files.createTempDirectory("tf-src");
            Files.writeString(small.resolve("p" + priority + ".txt"), "priority " + priority);
            long task = task("prio-" + priority, "copy", Map.of("container_id", container("prio-src-" + priority, small), "file_path", "/"),
                    Map.of("pool_id", pool, "folder_path", "/p" + priority), Map.of("priority", priority));
            tasks.put(priority, task);
            jobs.put(priority, start(task));
        }
        while (count("SELECT COUNT(*) FROM drive_request WHERE drive_id IS NULL") < 3) {
            assertTrue(Instant.now().isBefore(deadline), "the three runs never queued for the drive");
            Thread.sleep(50);
        }
        assertEquals("in_progress", get("/api/v2/tasks/" + blocker, ADMIN).get("status"), "the first run still holds the drive");
        ApiResponse waiting = get("/api/v2/tasks/" + tasks.get(1) + "/task_executions", ADMIN);
        String waitingText = (String) waiting.list("task_executions").get(0).get("status_text");
        assertTrue(waitingText.startsWith("waiting for a drive"), waitingText);

        assertEquals("done", awaitEnd(blocker, blockerJob).get("status"));
        Map<Integer, Instant> started = new HashMap<>();
        for (int priority : tasks.keySet()) {
            ApiResponse execution = awaitEnd(tasks.get(priority), jobs.get(priority));
            assertEquals("done", execution.get("status"), execution.raw());
            started.put(priority, Instant.parse((String) execution.get("job_started")));
        }
        assertTrue(started.get(10).isBefore(started.get(5)) && started.get(5).isBefore(started.get(1)),
                "the drive went by priority: " + started);
    }

    @Test
    void aRunStoppedWhileWaitingForTheDriveEndsWithoutItAndTheHolderFinishes() throws Exception {
        Path dir = Files.createTempDirectory("tf-lib").resolve("stopq");
        long pool = poolOfSmallTapes("stopq", dir);
        // The holder writes 3 MiB at 256 KiB/s: the only drive is its for about 12 s.
        io.tapeflow.library.virtual.VirtualLibrary.open(dir).settings(new io.tapeflow.library.virtual.LibrarySettings(0, 0, 256L << 10));
        Path slow = Files.createTempDirectory("tf-src");
        Files.write(slow.resolve("slow.bin"), new byte[3 << 20]);
        long holder = task("holder", "copy", Map.of("container_id", container("stopq-slow", slow), "file_path", "/"),
                Map.of("pool_id", pool, "folder_path", "/held"), Map.of());
        String holderJob = start(holder);
        awaitInProgress(holder);
        Path small = Files.createTempDirectory("tf-src");
        Files.writeString(small.resolve("never.txt"), "never archived");
        long waiter = task("waiter", "copy", Map.of("container_id", container("stopq-small", small), "file_path", "/"),
                Map.of("pool_id", pool, "folder_path", "/waited"), Map.of());
        String waiterJob = start(waiter);
        long waiting = ((Number) awaitWaitingForADrive(waiter).get("id")).longValue();
        assertEquals(1, count("SELECT COUNT(*) FROM drive_request WHERE execution_id = ? AND drive_id IS NULL", waiting),
                "the waiter is queued for the drive");

        ApiResponse stop = put("/api/v2/tasks/" + waiter + "/action/stop", Map.of(), ADMIN);
        assertEquals(202, stop.status(), stop.raw());
        ApiResponse stopped = awaitEnd(waiter, waiterJob);

        assertEquals("stopped_by_user", stopped.get("status"), stopped.raw());
        assertEquals(0, count("SELECT COUNT(*) FROM drive_request WHERE execution_id = ?", waiting), "the stopped run left the queue");
        String log = get("/api/v2/task_executions/" + waiting + "/log", ADMIN).raw();
        assertFalse(log.contains("granted"), "the stopped run never got the drive: " + log);
        assertEquals(0, count("SELECT COUNT(*) FROM catalog_file WHERE path LIKE '/waited/%'"));
        ApiResponse held = awaitEnd(holder, holderJob);
        assertEquals("done", held.get("status"), held.raw());
        assertEquals(1, count("SELECT COUNT(*) FROM catalog_file WHERE path = '/held/slow.bin'"));
        assertEquals(0, count("SELECT COUNT(*) FROM drive_request"), "no request left behind");
        assertEquals(0, count("SELECT COUNT(*) FROM tape_drive WHERE execution_id IS NOT NULL"), "the drive is free");
        assertFalse(get("/api/v2/task_executions/" + waiting + "/log", ADMIN).raw().contains("granted"),
                "not even once the holder let go of the drive");
    }

    @Test
    void aCartridgeTheCatalogThinksBlankIsNotRelabelledWhenItHoldsALabel() throws Exception {
        long pool = poolOfSmallTapes("blanklib");
        Path source = Files.createTempDirectory("tf-src");
        Files.writeString(source.resolve("first.txt"), "first");
        long src = container("blank-src", source);
        String barcode = (String) tapes(pool).get(0).get("barcode");
        long first = task("blank-first", "copy", Map.of("container_id", src, "file_path", "/"),
                Map.of("tape_barcode", barcode, "folder_path", "/"), Map.of());
        assertEquals("done", runToEnd(first).get("status"));
        // The database loses track of what the cartridge holds (restored from an old backup, say).
        new TestSql(dataSource).insert("UPDATE tape SET file_count = 0, free = max WHERE barcode = ?", barcode);

        long second = task("blank-second", "copy", Map.of("container_id", src, "file_path", "/"),
                Map.of("tape_barcode", barcode, "folder_path", "/again"), Map.of());
        ApiResponse refused = runToEnd(second);

        assertEquals("error", refused.get("status"), refused.raw());
        assertTrue(((String) refused.get("status_text")).contains("should be blank"), refused.raw());
        assertEquals(1, count("SELECT COUNT(*) FROM catalog_copy WHERE tape_barcode = ?", barcode), "the first archive's copy stands");
    }
}
