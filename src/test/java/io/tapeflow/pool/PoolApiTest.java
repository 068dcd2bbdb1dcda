package io.tapeflow.pool;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.TestSql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pools and their membership rules: a tape is in one pool at most, and a busy tape stays where it is. */
@MicronautTest(transactional = false)
class PoolApiTest extends ApiTestSupport {

    @Inject
    DataSource dataSource;

    private TestSql sql;

    @BeforeAll
    void library() {
        sql = new TestSql(dataSource);
        assertEquals(201, post("/api/v2/tape_libraries", Map.of("name", "vtl", "cartridges", 20, "cartridge_capacity", 1000), ADMIN).status());
    }

    private long tape(String barcode) {
        return get("/api/v2/tapes/" + barcode, ADMIN).id();
    }

    private ApiResponse createPool(String name, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "type", "active_archive"));
        body.putAll(fields);
        return post("/api/v2/pools", body, ADMIN);
    }

    @Test
    void aTapePoolListsItsTapesAndTheTapesNameIt() {
        List<Long> ids = List.of(tape("TF0001L9"), tape("TF0002L9"));

        ApiResponse created = createPool("archive", Map.of("content", "tape", "tape_ids", ids, "comment", "main"));

        assertEquals(201, created.status(), created.raw());
        assertEquals(List.of("id", "name", "comment", "type", "content", "tape_ids"), List.copyOf(created.body().keySet()));
        assertEquals(ids, ((List<?>) created.get("tape_ids")).stream().map(id -> ((Number) id).longValue()).toList());
        assertEquals(created.id(), ((Number) get("/api/v2/tapes/TF0001L9", ADMIN).get("pool_id")).longValue());
        ApiResponse poolTapes = get("/api/v2/pools/archive/tapes?barcode=TF0002L9", ADMIN);
        assertEquals(1L, ((Number) poolTapes.get("count")).longValue(), poolTapes.raw());
        assertEquals(created.body(), get("/api/v2/pools/" + created.id(), ADMIN).body());
        assertEquals(List.of("archive"), get("/api/v2/pools?tape_ids=" + ids.get(0), ADMIN).list("pools").stream().map(p -> p.get("name")).toList());
    }

    @Test
    void aNameInUseIsTakenAndAmbiguousLookupsNameTheIds() {
        ApiResponse first = createPool("twin", Map.of());
        assertEquals(201, first.status(), first.raw());

        ApiResponse again = createPool("twin", Map.of());
        assertEquals(422, again.status(), again.raw());
        assertEquals(List.of("taken"), again.errorKinds("name"));

        // A pool named like another pool's id matches both: the client must use the id.
        ApiResponse digits = createPool(String.valueOf(first.id()), Map.of());
        assertEquals(201, digits.status(), digits.raw());
        ApiResponse ambiguous = get("/api/v2/pools/" + first.id(), ADMIN);
        assertEquals(409, ambiguous.status(), ambiguous.raw());
    }

    @Test
    void aTapeAlreadyInAnotherPoolIsRefusedByName() {
        long tape = tape("TF0003L9");
        createPool("first", Map.of("tape_ids", List.of(tape)));

        ApiResponse second = createPool("second", Map.of("tape_ids", List.of(tape)));

        assertEquals(422, second.status(), second.raw());
        assertEquals(List.of("taken"), second.errorKinds("tape_ids"));
        assertTrue(second.messages().get(0).contains("TF0003L9"), second.raw());
        assertEquals(404, get("/api/v2/pools/second", ADMIN).status());
    }

    @Test
    void unknownMembersAreRefused() {
        ApiResponse tapes = createPool("ghost-tapes", Map.of("tape_ids", List.of(tape("TF0004L9"), 987654)));
        ApiResponse containers = createPool("ghost-nas", Map.of("content", "nas", "container_ids", List.of(987654)));
        ApiResponse wrongKind = createPool("wrong-kind", Map.of("content", "nas", "tape_ids", List.of(tape("TF0004L9"))));

        assertEquals(422, tapes.status(), tapes.raw());
        assertEquals(List.of("invalid"), tapes.errorKinds("tape_ids"));
        assertTrue(tapes.messages().get(0).contains("987654"), tapes.raw());
        assertEquals(List.of("invalid"), containers.errorKinds("container_ids"));
        assertEquals(List.of("invalid"), wrongKind.errorKinds("tape_ids"));
        assertNoPool("/api/v2/tapes/TF0004L9");
    }

    @Test
    void aNasPoolListsItsContainers() throws Exception {
        Path directory = Files.createTempDirectory("pool-nas");
        long container = post("/api/v2/containers", Map.of("name", "nas-share", "path", directory.toString()), ADMIN).id();

        ApiResponse created = createPool("nas", Map.of("content", "nas", "type", "primary", "container_ids", List.of(container)));

        assertEquals(201, created.status(), created.raw());
        assertEquals(List.of("id", "name", "comment", "type", "content", "container_ids"), List.copyOf(created.body().keySet()));
        assertEquals(List.of(container), ((List<?>) created.get("container_ids")).stream().map(id -> ((Number) id).longValue()).toList());
    }

    @Test
    void updateReplacesTheMembersAndKeepsTheContent() {
        long a = tape("TF0005L9");
        long b = tape("TF0006L9");
        long pool = createPool("changing", Map.of("tape_ids", List.of(a))).id();

        ApiResponse updated = put("/api/v2/pools/" + pool, Map.of("tape_ids", List.of(b), "type", "offline_archive"), ADMIN);
        ApiResponse contentChange = put("/api/v2/pools/" + pool, Map.of("content", "nas"), ADMIN);

        assertEquals(200, updated.status(), updated.raw());
        assertEquals(List.of(b), ((List<?>) updated.get("tape_ids")).stream().map(id -> ((Number) id).longValue()).toList());
        assertEquals("offline_archive", updated.get("type"));
        assertNoPool("/api/v2/tapes/" + a);
        assertEquals(List.of("invalid"), contentChange.errorKinds("content"));
    }

    @Test
    void aTapeInUseByARunCannotChangePool() {
        long busy = tape("TF0007L9");
        long pool = createPool("busy", Map.of("tape_ids", List.of(busy))).id();
        long other = createPool("elsewhere", Map.of()).id();
        sql.insert("UPDATE tape SET execution_id = 42 WHERE id = ?", busy);

        ApiResponse viaPool = put("/api/v2/pools/" + pool, Map.of("tape_ids", List.of()), ADMIN);
        ApiResponse viaTape = put("/api/v2/tapes/" + busy, Map.of("pool_id", other), ADMIN);

        assertEquals(409, viaPool.status(), viaPool.raw());
        assertEquals(409, viaTape.status(), viaTape.raw());
        assertEquals(pool, ((Number) get("/api/v2/tapes/" + busy, ADMIN).get("pool_id")).longValue());
    }

    @Test
    void aTapeMovesToAPoolNamedOnTheTape() {
        createPool("by-name", Map.of());

        ApiResponse moved = put("/api/v2/tapes/TF0008L9", Map.of("pool_name", "by-name"), ADMIN);

        assertEquals(200, moved.status(), moved.raw());
        assertEquals(List.of(moved.id()), ((List<?>) get("/api/v2/pools/by-name", ADMIN).get("tape_ids")).stream()
                .map(id -> ((Number) id).longValue()).toList());
    }

    @Test
    void aPoolATaskUsesCannotBeDeleted() {
        long used = createPool("used", Map.of("tape_ids", List.of(tape("TF0009L9")))).id();
        long unused = createPool("unused", Map.of("tape_ids", List.of(tape("TF0010L9")))).id();
        long task = createTask(ADMIN, Map.of("name", "to-tape")).id();
        sql.insert("INSERT INTO task_destination (task_id, pool_id, folder_path) VALUES (?, ?, '/')", task, used);

        assertEquals(409, delete("/api/v2/pools/" + used, ADMIN).status());
        assertEquals(204, delete("/api/v2/pools/" + unused, ADMIN).status());
        assertEquals(404, get("/api/v2/pools/" + unused, ADMIN).status());
        assertNoPool("/api/v2/tapes/TF0010L9", "the tape stays, in no pool");
    }

    @Test
    void onlyAnAdminChangesPoolsAndUnknownPoolsAre404() {
        Auth guest = createUser("gwen", "guest");

        assertEquals(403, createPoolAs(guest).status());
        assertEquals(200, get("/api/v2/pools", guest).status());
        assertEquals(404, get("/api/v2/pools/nowhere", ADMIN).status());
        assertEquals(404, get("/api/v2/pools/nowhere/tapes", ADMIN).status());
        assertEquals(List.of("blank"), post("/api/v2/pools", Map.of("name", "typeless"), ADMIN).errorKinds("type"));
    }

    private ApiResponse createPoolAs(Auth auth) {
        return post("/api/v2/pools", Map.of("name", "nope", "type", "scratch"), auth);
    }

    /** The tape answers (200) and names no pool. */
    private void assertNoPool(String path, String... why) {
        ApiResponse tape = get(path, ADMIN);
        assertEquals(200, tape.status(), tape.raw());
        assertTrue(tape.body().containsKey("pool_id"), tape.raw());
        assertNull(tape.get("pool_id"), why.length > 0 ? why[0] : tape.raw());
    }
}
