package io.tapeflow.catalog;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.TestSql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The catalog read through /files and /tapes/{id}/files, over rows written as the runner would. */
@MicronautTest(transactional = false)
class CatalogApiTest extends ApiTestSupport {

    @Inject
    DataSource dataSource;

    private long spanning;

    @BeforeAll
    void catalog() {
        assertEquals(201, post("/api/v2/tape_libraries", Map.of("name", "vtl", "cartridges", 3, "cartridge_capacity", 1000), ADMIN).status());
        TestSql sql = new TestSql(dataSource);
        sql.catalogFileOnTape("/projects/b.txt", 10, "TF0001L9", 2, 0);
        sql.catalogFileOnTape("/projects/a.txt", 20, "TF0001L9", 1, 1);
        sql.catalogFileOnTape("/projects/first.txt", 30, "TF0001L9", 1, 0);
        sql.catalogFileOnTape("/other/c.txt", 40, "TF0002L9", 1, 0);
        spanning = sql.catalogFileOnTape("/big.bin", 2000, "TF0002L9", 2, 0);
        sql.insert("UPDATE catalog_copy SET part_length = 900 WHERE file_id = ?", spanning);
        sql.insert("INSERT INTO catalog_copy (file_id, tape_id, tape_barcode, tape_file, position, part_offset, part_length, creation_date)"
                + " SELECT ?, id, barcode, 1, 0, 900, 1100, CURRENT_TIMESTAMP FROM tape WHERE barcode = 'TF0003L9'", spanning);
        sql.insert("INSERT INTO catalog_copy (file_id, part_offset, part_length, container_id, path, creation_date)"
                + " VALUES (?, 0, 2000, 7, '/nas/big.bin', CURRENT_TIMESTAMP)", spanning);
    }

    private static List<Object> paths(ApiResponse list) {
        return list.list("files").stream().map(file -> file.get("path")).toList();
    }

    @Test
    void aFileShowsItsTapePartsInByteOrderThenItsContainerCopies() {
        ApiResponse file = get("/api/v2/files/" + spanning, ADMIN);

        assertEquals(200, file.status(), file.raw());
        assertEquals(List.of("id", "path", "size", "modification_date", "checksum", "checksum_type", "copies"), List.copyOf(file.body().keySet()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> copies = (List<Map<String, Object>>) file.get("copies");
        assertEquals(3, copies.size());
        assertEquals(List.of("tape_id", "tape_barcode", "tape_file", "position", "part_offset", "part_length"), List.copyOf(copies.get(0).keySet()));
        assertEquals(List.of("TF0002L9", "TF0003L9"), List.of(copies.get(0).get("tape_barcode"), copies.get(1).get("tape_barcode")));
        assertEquals(900, copies.get(1).get("part_offset"));
        assertEquals(Map.of("container_id", 7, "path", "/nas/big.bin"), copies.get(2));
    }

    @Test
    void filesFilterOnPathPrefixSizeAndTape() {
        ApiResponse projects = get("/api/v2/files?path=~/projects/%25&sort_by=path", ADMIN);
        ApiResponse onTape = get("/api/v2/files?barcode=TF0002L9&sort_by=size:desc", ADMIN);
        ApiResponse notOnTape = get("/api/v2/files?barcode=!%3DTF0001L9&size=%3E=40&sort_by=size", ADMIN);

        assertEquals(List.of("/projects/a.txt", "/projects/b.txt", "/projects/first.txt"), paths(projects), projects.raw());
        assertEquals(1, ((List<?>) projects.list("files").get(0).get("copies")).size());
        assertEquals(List.of("/big.bin", "/other/c.txt"), paths(onTape));
        assertEquals(List.of("/other/c.txt", "/big.bin"), paths(notOnTape));
        assertEquals(422, get("/api/v2/files?sort_by=barcode", ADMIN).status());
    }

    @Test
    void aTapesFilesListInTapeOrderAndPage() {
        ApiResponse first = get("/api/v2/tapes/TF0001L9/files?limit=2", ADMIN);
        ApiResponse rest = get("/api/v2/tapes/TF0001L9/files?limit=2&cursor=" + first.get("next_cursor"), ADMIN);

        assertEquals(200, first.status(), first.raw());
        assertEquals(3L, ((Number) first.get("count")).longValue());
        assertEquals(List.of("/projects/first.txt", "/projects/a.txt"), paths(first));
        assertEquals(List.of("/projects/b.txt"), paths(rest), rest.raw());
        assertNull(rest.get("next_cursor"));
        assertEquals(0L, ((Number) get("/api/v2/tapes/TF0003L9/files?path=~/projects%25", ADMIN).get("count")).longValue());
    }

    @Test
    void unknownFilesAndTapesAre404() {
        assertEquals(404, get("/api/v2/files/99999999", ADMIN).status());
        assertEquals(404, get("/api/v2/files/big.bin", ADMIN).status());
        assertEquals(404, get("/api/v2/tapes/NOPE01L9/files", ADMIN).status());
    }

    @Test
    void everyUserReadsTheCatalogButAKeyNeedsTheScope() {
        Auth guest = createUser("greta", "guest");
        Auth user = createUser("ulf", "user");

        assertEquals(200, get("/api/v2/files", guest).status());
        assertEquals(403, get("/api/v2/tapes/TF0001L9/files", createKey(user, "files/index")).status());
        assertEquals(200, get("/api/v2/tapes/TF0001L9/files", createKey(user, "tapes/files")).status());
    }
}
