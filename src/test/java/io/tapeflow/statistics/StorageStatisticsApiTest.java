package io.tapeflow.statistics;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.Runs;
import io.tapeflow.support.TestSql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files and bytes per container, pool and tape after a scan and a real archive to virtual tapes, plus catalog rows written by hand. */
@MicronautTest(transactional = false)
class StorageStatisticsApiTest extends ApiTestSupport {

    private static final long CAPACITY = 4L << 20;

    @Inject
    DataSource dataSource;

    private static Map<String, Object> byId(List<Map<String, Object>> rows, long id) {
        return rows.stream().filter(r -> ((Number) r.get("id")).longValue() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + id + " in " + rows));
    }

    private static long number(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).longValue();
    }

    private long pool(TestSql sql, String name, String content) {
        return sql.insert("INSERT INTO pool (name, type, content, creation_date, modification_date, creation_username, "
                + "modification_username) VALUES (?, 'active_archive', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'admin', 'admin')", name, content);
    }

    @Test
    void storageMatchesTheScanTheArchiveAndTheCatalog() throws Exception {
        TestSql sql = new TestSql(dataSource);
        Runs runs = new Runs(this);
        Path source = Files.createTempDirectory("tf-src");
        for (int size : new int[] {100_000, 200_000, 300_000}) {
            Files.write(source.resolve("file-" + size + ".bin"), new byte[size]);
        }
        long src = runs.container("storage-src", source);
        long neverScanned = runs.container("storage-unscanned", Files.createTempDirectory("tf-empty"));
        assertEquals("done", runs.runToEnd(ADMIN, runs.task(ADMIN, "scan", "scan", src, "/", null, Map.of())).get("status"));

        ApiResponse library = post("/api/v2/tape_libraries", Map.of("name", "statlib", "protocol", "virtual",
                "device", Files.createTempDirectory("tf-lib").resolve("statlib").toString(), "drives", 1, "storage_slots", 6,
                "io_slots", 1, "cartridges", 4, "cartridge_capacity", CAPACITY, "barcode_prefix", "ST"), ADMIN);
        assertEquals(201, library.status(), library.raw());
        List<Object[]> tapes = sql.rows("SELECT id, barcode FROM tape WHERE tape_library_id = ? ORDER BY barcode", library.id());
        long[] tape = tapes.stream().mapToLong(t -> ((Number) t[0]).longValue()).toArray();
        String[] barcode = tapes.stream().map(t -> (String) t[1]).toArray(String[]::new);
        long archivePool = pool(sql, "archive", "tape");
        long otherPool = pool(sql, "other", "tape");
        long emptyPool = pool(sql, "empty", "tape");
        long nasPool = pool(sql, "nas", "nas");
        sql.insert("UPDATE tape SET pool_id = ? WHERE id IN (?, ?)", archivePool, tape[0], tape[1]);
        sql.insert("UPDATE tape SET pool_id = ? WHERE id = ?", otherPool, tape[2]);
        sql.insert("INSERT INTO pool_container (pool_id, container_id) VALUES (?, ?)", nasPool, src);

        long archive = runs.task(ADMIN, "archive", "copy", src, "/", null, Map.of("destination_type", "secondary_tape"));
        assertEquals(201, post("/api/v2/tasks/" + archive + "/task_destinations", Map.of("pool_id", archivePool, "folder_path", "/a"), ADMIN).status());
        assertEquals("done", runs.runToEnd(ADMIN, archive).get("status"));
        // A file spanning both tapes of the archive pool (600 + 400 bytes), and one on the other pool's tape.
        long spanning = sql.insert("INSERT INTO catalog_file (path, size, checksum, checksum_type, creation_date)"
                + " VALUES ('/span.bin', 1000, 'abc', 'xxh64', CURRENT_TIMESTAMP)");
        sql.insert("INSERT INTO catalog_copy (file_id, tape_id, tape_barcode, tape_file, position, part_offset, part_length, creation_date)"
                + " VALUES (?, ?, ?, 9, 0, 0, 600, CURRENT_TIMESTAMP)", spanning, tape[0], barcode[0]);
        sql.insert("INSERT INTO catalog_copy (file_id, tape_id, tape_barcode, tape_file, position, part_offset, part_length, creation_date)"
                + " VALUES (?, ?, ?, 9, 0, 600, 400, CURRENT_TIMESTAMP)", spanning, tape[1], barcode[1]);
        sql.catalogFileOnTape("/other.bin", 50, barcode[2], 1, 0);

        ApiResponse storage = get("/api/v2/statistics/storage", ADMIN);

        assertEquals(200, storage.status(), storage.raw());
        Map<String, Object> scanned = byId(storage.list("containers"), src);
        assertEquals(3, number(scanned, "files"));
        assertEquals(600_000, number(scanned, "bytes"));
        assertNotNull(scanned.get("last_update"));
        Map<String, Object> unscanned = byId(storage.list("containers"), neverScanned);
        assertEquals(0, number(unscanned, "files"));
        assertNull(unscanned.get("last_update"));

        // Each tape against the catalog's copy rows, summed here, and against the tape API's capacity and free space.
        Map<Long, Set<Object>> filesOnTape = new HashMap<>();
        Map<Long, Long> bytesOnTape = new HashMap<>();
        for (Object[] copy : sql.rows("SELECT tape_id, file_id, part_length FROM catalog_copy WHERE tape_id IS NOT NULL")) {
            long id = ((Number) copy[0]).longValue();
            filesOnTape.computeIfAbsent(id, k -> new HashSet<>()).add(copy[1]);
            bytesOnTape.merge(id, ((Number) copy[2]).longValue(), Long::sum);
        }
        long archivedOnTapes = 0;
        for (long id : tape) {
            Map<String, Object> row = byId(storage.list("tapes"), id);
            Map<String, Object> fromApi = get("/api/v2/tapes/" + id, ADMIN).body();
            assertEquals(filesOnTape.getOrDefault(id, Set.of()).size(), number(row, "files"), row.toString());
            assertEquals(bytesOnTape.getOrDefault(id, 0L), number(row, "bytes"), row.toString());
            assertEquals(number(fromApi, "max"), number(row, "max"));
            assertEquals(number(fromApi, "free"), number(row, "free"));
            assertEquals(number(row, "max") - number(row, "free"), number(row, "used"));
            archivedOnTapes += number(row, "files");
        }
        assertEquals(3 + 2 + 1, archivedOnTapes, "the archive's 3 files, the spanning file on two tapes, one on the other pool");
        assertTrue(number(byId(storage.list("tapes"), tape[0]), "used") + number(byId(storage.list("tapes"), tape[1]), "used") > 0,
                "the archive wrote to a tape of its pool");

        Map<String, Object> archived = byId(storage.list("pools"), archivePool);
        assertEquals(2, number(archived, "tapes"));
        assertEquals(4, number(archived, "files"), "the spanning file counts once in its pool");
        assertEquals(600_000 + 1000, number(archived, "bytes"));
        assertEquals(2 * CAPACITY, number(archived, "max"));
        long poolFree = number(byId(storage.list("tapes"), tape[0]), "free") + number(byId(storage.list("tapes"), tape[1]), "free");
        assertEquals(poolFree, number(archived, "free"));
        assertEquals(2 * CAPACITY - poolFree, number(archived, "used"));
        Map<String, Object> other = byId(storage.list("pools"), otherPool);
        assertEquals(List.of(1L, 1L, 50L), List.of(number(other, "tapes"), number(other, "files"), number(other, "bytes")));
        Map<String, Object> empty = byId(storage.list("pools"), emptyPool);
        assertEquals(List.of(0L, 0L, 0L, 0L), List.of(number(empty, "tapes"), number(empty, "files"), number(empty, "max"), number(empty, "used")));
        Map<String, Object> nas = byId(storage.list("pools"), nasPool);
        assertEquals("nas", nas.get("content"));
        assertEquals(List.of(1L, 3L, 600_000L), List.of(number(nas, "containers"), number(nas, "files"), number(nas, "bytes")));
        assertNull(nas.get("max"));
        assertNull(byId(storage.list("tapes"), tape[3]).get("pool_id"));
    }

    @Test
    void anyUserMaySeeStorageButAKeyNeedsItsScope() {
        Auth user = createUser("sam", "user");
        assertEquals(200, get("/api/v2/statistics/storage", user).status());
        assertEquals(200, get("/api/v2/statistics/storage", createKey(user, "statistics/storage")).status());
        assertEquals(403, get("/api/v2/statistics/storage", createKey(user, "tapes/index")).status());
    }
}
