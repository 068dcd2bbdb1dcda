package io.tapeflow.archive;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.library.LibraryDrivers;
import io.tapeflow.library.virtual.LibrarySettings;
import io.tapeflow.library.virtual.VirtualLibrary;
import io.tapeflow.persistence.SqlParameters;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.TestSql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** check_consistency reads a pool back against the catalog; scan rebuilds the catalog of a tape from the tape. */
@MicronautTest(transactional = false)
class TapeVerifyScanApiTest extends TapeApiTestSupport {

    @Inject
    LibraryDrivers drivers;

    /** Every catalog copy on a pool's tapes with its file, in physical order: what a rebuilt catalog must equal. */
    private static final String CATALOG = "SELECT f.path, f.size, f.modification_date, f.checksum, f.checksum_type, c.tape_barcode, "
            + "c.tape_file, c.position, c.part_offset, c.part_length FROM catalog_copy c JOIN catalog_file f ON f.id = c.file_id "
            + "JOIN tape t ON t.id = c.tape_id WHERE t.pool_id = ? ORDER BY c.tape_barcode, c.tape_file, c.position";
    /** How many copy sets the copies of a file make: one per whole copy. */
    private static final String COPY_SETS = "SELECT COUNT(DISTINCT COALESCE(c.copy_set, 0)) FROM catalog_copy c "
            + "JOIN catalog_file f ON f.id = c.file_id WHERE f.path = ?";
    private static final String FILES = "SELECT COUNT(*) FROM catalog_file WHERE path LIKE ?";

    @Test
    void aCheckOfACleanPoolIsDoneAndACorruptedByteIsNamedWhileTheOtherFilesVerify() throws Exception {
        Path library = Files.createTempDirectory("tf-lib").resolve("checklib");
        long pool = poolOfSmallTapes("checklib", library);
        Path source = tree();
        archive("check", pool, source);
        long check = task("check", "check_consistency", Map.of("pool_id", pool), null, Map.of("source_type", "secondary_tape"));

        ApiResponse clean = runToEnd(check);

        assertEquals("done", clean.get("status"), clean.raw());
        assertEquals(22L, number(clean, "to_process_files"), clean.raw());
        assertEquals(22L, number(clean, "processed_files"), clean.raw());
        assertEquals(number(clean, "to_process_size"), number(clean, "processed_size"), clean.raw());
        assertEquals(size(source.resolve("data")), number(clean, "processed_size"), clean.raw());
        assertTrue(log(clean).contains("/check/data/big.bin verified on "), log(clean));

        Path damaged = source.resolve("data/été 2024/note 5.txt");
        String barcode = corruptOneByteOf(library, Files.readAllBytes(damaged));
        ApiResponse checked = runToEnd(check);

        assertEquals("finished_with_warnings", checked.get("status"), checked.raw());
        assertEquals(1L, number(checked, "failed_files"), checked.raw());
        assertEquals(21L, number(checked, "processed_files"), checked.raw());
        String log = log(checked);
        List<String> errors = log.lines().filter(line -> line.contains(" ERROR ")).toList();
        assertEquals(1, errors.size(), log);
        assertTrue(errors.get(0).contains("/check/data/été 2024/note 5.txt checksum mismatch on " + barcode + " tape file "), log);
        assertTrue(errors.get(0).contains("the catalog says xxhash64 "), log);
        assertEquals(21, log.lines().filter(line -> line.contains(" verified on ")).count(), log);

        // The catalog names an entry past the end of a tape file, and a tape file the tape does not have.
        TestSql sql = new TestSql(dataSource);
        sql.catalogFileOnTape("/check/ghost.txt", 10, barcode, 1, 99);
        sql.catalogFileOnTape("/check/far.txt", 10, barcode, 7, 0);
        ApiResponse missing = runToEnd(check);
        assertEquals("finished_with_warnings", missing.get("status"), missing.raw());
        assertEquals(3L, number(missing, "failed_files"), missing.raw());
        assertTrue(log(missing).contains("/check/ghost.txt failed on " + barcode + " tape file 1 entry 99: missing from the tape"), log(missing));
        assertTrue(log(missing).contains("/check/far.txt failed on " + barcode + " tape file 7 entry 0: the tape file is unreadable"), log(missing));
    }

    @Test
    void aPausedCheckShowsLiveProgressAndResumesWhereItStoppedWithoutCountingTwice() throws Exception {
        Path library = Files.createTempDirectory("tf-lib").resolve("pauselib");
        long pool = poolOfSmallTapes("pauselib", library);
        Path source = tree();
        archive("pause", pool, source);
        // Reading the 8 MiB back takes about 16 s: time to watch it and pause it.
        long libraryId = Long.parseLong(rows("SELECT MIN(tape_library_id) FROM tape WHERE pool_id = ?", pool).get(0));
        ((VirtualLibrary) drivers.driver(libraryId)).settings(new LibrarySettings(0, 0, 512L << 10));
        long check = task("pause-check", "check_consistency", Map.of("pool_id", pool), null, Map.of("source_type", "secondary_tape"));
        String job = start(check);
        Instant deadline = Instant.now().plus(PATIENCE);
        ApiResponse running = execution(check);
        while (!"in_progress".equals(running.get("status")) || number(running, "progress") == 0) {
            assertTrue(Instant.now().isBefore(deadline) && !"done".equals(running.get("status")), running.raw());
            Thread.sleep(100);
            running = execution(check);
        }
        assertEquals(202, put("/api/v2/tasks/" + check + "/action/pause", Map.of(), ADMIN).status());
        while (!"paused".equals(execution(check).get("status"))) {
            assertTrue(Instant.now().isBefore(deadline), execution(check).raw());
            Thread.sleep(100);
        }
        ApiResponse paused = execution(check);
        assertTrue(number(paused, "processed_files") < 22, paused.raw());

        assertEquals(202, put("/api/v2/tasks/" + check + "/action/resume", Map.of(), ADMIN).status());
        ApiResponse done = awaitEnd(check, job);

        assertEquals("done", done.get("status"), done.raw());
        assertEquals(22L, number(done, "processed_files"), done.raw());
        assertEquals(size(source.resolve("data")), number(done, "processed_size"), done.raw());
        assertEquals(22, log(done).lines().filter(line -> line.contains(" verified on ")).count(), log(done));
    }

    @Test
    void aScanRebuildsTheCatalogOfATapeWhoseRowsWereDeletedOnlyOnceAndARestoreReadsIt() throws Exception {
        Path library = Files.createTempDirectory("tf-lib").resolve("scanlib");
        long pool = poolOfSmallTapes("scanlib", library);
        Path source = tree();
        archive("scan", pool, source);
        List<String> catalog = rows(CATALOG, pool);
        long files = count(FILES, "/scan/%");
        // The tape holding a later part of the spanning file, and whole files too.
        String tape = rows("SELECT tape_barcode FROM catalog_copy c JOIN tape t ON t.id = c.tape_id WHERE t.pool_id = ? "
                + "GROUP BY tape_barcode HAVING MAX(part_offset) > 0 ORDER BY COUNT(*) DESC", pool).get(0);
        List<String> figures = rows("SELECT free, file_count FROM tape WHERE barcode = ?", tape);
        TestSql sql = new TestSql(dataSource);
        sql.insert("DELETE FROM catalog_copy WHERE tape_barcode = ?", tape);
        sql.insert("DELETE FROM catalog_file WHERE NOT EXISTS (SELECT 1 FROM catalog_copy c WHERE c.file_id = catalog_file.id)");
        sql.insert("UPDATE tape SET free = max, file_count = 0 WHERE barcode = ?", tape);
        assertTrue(count(FILES, "/scan/%") < files, "whole files of the tape are forgotten: " + catalog);
        long scanTape = task("scan-tape", "scan", Map.of("tape_barcode", tape), null, Map.of("source_type", "secondary_tape"));

        ApiResponse scanned = runToEnd(scanTape);

        assertEquals("done", scanned.get("status"), scanned.raw());
        assertEquals(catalog, rows(CATALOG, pool));
        assertEquals(files, count(FILES, "/scan/%"), "the spanning file's part joined its file");
        assertEquals(List.of("1"), rows(COPY_SETS, "/scan/data/big.bin"), "the rebuilt part joined the archived copy's copy set");
        assertEquals(figures, rows("SELECT free, file_count FROM tape WHERE barcode = ?", tape));

        ApiResponse again = runToEnd(scanTape);
        assertEquals("done", again.get("status"), again.raw());
        assertEquals(0L, number(again, "processed_files"), again.raw());
        assertEquals(catalog, rows(CATALOG, pool), "a second scan adds nothing");

        // The whole database is lost: a scan of the pool rebuilds it, checksums of spanning files included.
        sql.insert("DELETE FROM catalog_copy WHERE tape_id IN (SELECT id FROM tape WHERE pool_id = ?)", pool);
        sql.insert("DELETE FROM catalog_file WHERE NOT EXISTS (SELECT 1 FROM catalog_copy c WHERE c.file_id = catalog_file.id)");
        long scanPool = task("scan-pool", "scan", Map.of("pool_id", pool), null, Map.of("source_type", "secondary_tape"));
        ApiResponse rebuilt = runToEnd(scanPool);
        assertEquals("done", rebuilt.get("status"), rebuilt.raw());
        assertEquals(catalog, rows(CATALOG, pool));
        assertEquals(files, count(FILES, "/scan/%"));
        // Rebuilt copies belong to the run that catalogued them, as written copies belong to the run that wrote them.
        assertEquals(List.of(String.valueOf(number(rebuilt, "id"))),
                rows("SELECT DISTINCT c.copy_set FROM catalog_copy c JOIN tape t ON t.id = c.tape_id WHERE t.pool_id = ?", pool));

        Path restored = Files.createTempDirectory("tf-restore");
        long restore = task("scan-restore", "copy", Map.of("pool_id", pool, "file_path", "/scan/data"),
                Map.of("container_id", container("scan-dst", restored), "folder_path", "/"), Map.of("source_type", "secondary_tape"));
        ApiResponse back = runToEnd(restore);
        assertEquals("done", back.get("status"), back.raw());
        assertEquals(files(source.resolve("data")), files(restored.resolve("data")));
        for (Path file : files(source.resolve("data"))) {
            assertEquals(-1L, Files.mismatch(source.resolve("data").resolve(file), restored.resolve("data").resolve(file)), file.toString());
        }
        assertEquals(Files.getLastModifiedTime(source.resolve("data/big.bin")), Files.getLastModifiedTime(restored.resolve("data/big.bin")));
    }

    @Test
    void aScanRefusesATapeLabelledWithAnotherBarcode() throws Exception {
        Path library = Files.createTempDirectory("tf-lib").resolve("foreignlib");
        long pool = poolOfSmallTapes("foreignlib", library);
        Path source = Files.createTempDirectory("tf-src");
        Files.writeString(Files.createDirectories(source.resolve("data")).resolve("one.txt"), "one");
        archive("foreign", pool, source);
        String written = rows("SELECT c.tape_barcode FROM catalog_copy c JOIN tape t ON t.id = c.tape_id WHERE t.pool_id = ?", pool).get(0);
        String other = tapes(pool).stream().map(t -> (String) t.get("barcode")).filter(b -> !b.equals(written)).findFirst().orElseThrow();
        VirtualLibrary virtual = VirtualLibrary.open(library);
        Files.copy(virtual.cartridgeDirectory(written).resolve("000000.tapefile"), virtual.cartridgeDirectory(other).resolve("000000.tapefile"),
                StandardCopyOption.REPLACE_EXISTING);
        long scan = task("scan-foreign", "scan", Map.of("tape_barcode", other), null, Map.of("source_type", "secondary_tape"));

        ApiResponse refused = runToEnd(scan);

        assertEquals("error", refused.get("status"), refused.raw());
        assertTrue(log(refused).contains("labelled " + written + ", not " + other), log(refused));
        assertEquals(0, count("SELECT COUNT(*) FROM catalog_copy WHERE tape_barcode = ?", other));
    }

    private void archive(String name, long pool, Path source) throws InterruptedException {
        long archive = task(name + "-archive", "copy", Map.of("container_id", container(name + "-src", source), "file_path", "/data"),
                Map.of("pool_id", pool, "folder_path", "/" + name), Map.of("destination_type", "secondary_tape"));
        ApiResponse archived = runToEnd(archive);
        assertEquals("done", archived.get("status"), archived.raw());
    }

    /** The task's only execution, as it is now. */
    private ApiResponse execution(long task) {
        Number id = (Number) get("/api/v2/tasks/" + task + "/task_executions", ADMIN).list("task_executions").get(0).get("id");
        return get("/api/v2/task_executions/" + id, ADMIN);
    }

    private String log(ApiResponse execution) {
        return get("/api/v2/task_executions/" + execution.id() + "/log", ADMIN).raw();
    }

    private static long number(ApiResponse response, String field) {
        return ((Number) response.get(field)).longValue();
    }

    private static long size(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    /** Each row's columns joined with {@code |}. */
    private List<String> rows(String query, Object... parameters) throws SQLException {
        try (Connection connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            SqlParameters.bind(statement, List.of(parameters));
            ResultSet rs = statement.executeQuery();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    columns.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", columns));
            }
            return rows;
        }
    }

    /** Flips a byte in the middle of {@code content} where a tape image of the library holds it; answers that tape's barcode. */
    private static String corruptOneByteOf(Path library, byte[] content) throws IOException {
        byte[] start = Arrays.copyOf(content, 64);
        List<Path> images;
        try (Stream<Path> walk = Files.walk(library)) {
            images = walk.filter(file -> file.getFileName().toString().endsWith(".tapefile")).toList();
        }
        for (Path image : images) {
            byte[] bytes = Files.readAllBytes(image);
            for (int at = 0; at + start.length <= bytes.length; at++) {
                if (Arrays.equals(bytes, at, at + start.length, start, 0, start.length)) {
                    try (FileChannel channel = FileChannel.open(image, StandardOpenOption.WRITE)) {
                        long where = at + content.length / 2;
                        channel.write(ByteBuffer.wrap(new byte[]{(byte) (bytes[(int) where] ^ 0x55)}), where);
                    }
                    return image.getParent().getFileName().toString();
                }
            }
        }
        throw new AssertionError("no tape image holds the file's bytes");
    }
}
