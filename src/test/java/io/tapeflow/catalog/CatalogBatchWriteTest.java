package io.tapeflow.catalog;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.TestSql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A tape file's catalog rows written in batches (H2, and MariaDB in the second Surefire execution). */
@MicronautTest(transactional = false)
class CatalogBatchWriteTest extends ApiTestSupport {

    private static final Instant MTIME = Instant.parse("2024-05-06T07:08:09Z");

    @Inject
    DataSource dataSource;

    @Inject
    CatalogStore catalog;

    @Test
    void aSpanningFileAndSmallFilesGetExactlyTheirRowsAcrossTwoTapeFiles() {
        long execution = 9001;
        // Tape file 1 of tape 11: two small files, then the first part of a file spanning to tape 12.
        CatalogBatch first = new CatalogBatch(77, execution);
        CatalogBatch.FileRow a = first.newFile("/a.txt", 10, MTIME, "aaaa", "xxhash64");
        first.copy(a, 11, "T11", 1, 0, 0, 10);
        CatalogBatch.FileRow b = first.newFile("/b.txt", 20, MTIME, "bbbb", "xxhash64");
        first.copy(b, 11, "T11", 1, 1, 0, 20);
        CatalogBatch.FileRow big = first.newFile("/big.bin", 3000, MTIME, null, "xxhash64");
        first.copy(big, 11, "T11", 1, 2, 0, 1000);
        catalog.write(first);
        // Another run writes its own row between the two tape files: its id lies between this run's.
        long other = catalog.addFile("/other.txt", 5, MTIME, "oooo", "xxhash64", 78, 9002);
        // Tape file 1 of tape 12: the spanning file's last part completes it, then one more small file.
        CatalogBatch second = new CatalogBatch(77, execution);
        second.complete(big, "9999");
        second.copy(big, 12, "T12", 1, 0, 1000, 2000);
        CatalogBatch.FileRow c = second.newFile("/c.txt", 30, MTIME, "cccc", "xxhash64");
        second.copy(c, 12, "T12", 1, 1, 0, 30);
        catalog.write(second);

        TestSql sql = new TestSql(dataSource);
        assertEquals(List.of("/a.txt 10 aaaa 77", "/b.txt 20 bbbb 77", "/big.bin 3000 9999 77", "/c.txt 30 cccc 77"),
                sql.strings("SELECT CONCAT(path, ' ', size, ' ', checksum, ' ', task_id) FROM catalog_file WHERE execution_id = ? ORDER BY id",
                        execution));
        assertEquals(List.of("/a.txt T11 1/0 0+10 9001", "/b.txt T11 1/1 0+20 9001", "/big.bin T11 1/2 0+1000 9001",
                        "/big.bin T12 1/0 1000+2000 9001", "/c.txt T12 1/1 0+30 9001"),
                sql.strings("SELECT CONCAT(f.path, ' ', c.tape_barcode, ' ', c.tape_file, '/', c.position, ' ', c.part_offset, '+', "
                        + "c.part_length, ' ', c.copy_set) FROM catalog_copy c JOIN catalog_file f ON f.id = c.file_id "
                        + "WHERE f.execution_id = ? ORDER BY c.id", execution));
        assertEquals(List.of(a.id(), b.id(), big.id(), c.id()),
                sql.strings("SELECT id FROM catalog_file WHERE execution_id = ? ORDER BY id", execution).stream().map(Long::valueOf).toList());
        assertEquals(List.of("/other.txt oooo"), sql.strings("SELECT CONCAT(path, ' ', checksum) FROM catalog_file WHERE id = ?", other));
    }

    @Test
    void aCopyOfAnExistingFileAddsOnlyItsCopyRowsUnderTheCopyingRun() {
        long original = catalog.addFile("/copied.bin", 300, MTIME, "cafe", "xxhash64", 79, 9003);
        CatalogBatch copy = new CatalogBatch(80, 9004);
        CatalogBatch.FileRow file = CatalogBatch.existing(original);
        copy.copy(file, 21, "T21", 3, 4, 0, 100);
        copy.copy(file, 22, "T22", 1, 0, 100, 200);
        catalog.write(copy);

        TestSql sql = new TestSql(dataSource);
        assertEquals(0, sql.number("SELECT COUNT(*) FROM catalog_file WHERE execution_id = 9004"));
        assertEquals(List.of("T21 3/4 0+100 9004", "T22 1/0 100+200 9004"),
                sql.strings("SELECT CONCAT(tape_barcode, ' ', tape_file, '/', position, ' ', part_offset, '+', part_length, ' ', copy_set) "
                        + "FROM catalog_copy WHERE file_id = ? ORDER BY id", original));
    }

    @Test
    void aCopyNamingAFileNoBatchWroteIsRefused() {
        CatalogBatch batch = new CatalogBatch(81, 9005);
        CatalogBatch.FileRow unwritten = new CatalogBatch(81, 9005).newFile("/lost.txt", 1, MTIME, "11", "xxhash64");
        batch.copy(unwritten, 31, "T31", 1, 0, 0, 1);

        assertThrows(IllegalStateException.class, () -> catalog.write(batch));
        assertEquals(0, new TestSql(dataSource).number("SELECT COUNT(*) FROM catalog_copy WHERE tape_barcode = 'T31'"));
    }
}
