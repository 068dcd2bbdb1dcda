package io.tapeflow.library;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The drives and cartridges a virtual library is created with, and what may change on them. */
@MicronautTest(transactional = false)
class TapeApiTest extends ApiTestSupport {

    private static final List<String> DRIVE_FIELDS = List.of("id", "tape_library_id", "name", "serial", "device", "status",
            "barcode", "task_id", "mount_count", "use_file_name_processed", "use_file_processed_size",
            "use_file_size_to_process", "bandwidth");
    private static final List<String> TAPE_FIELDS = List.of("id", "tape_library_id", "pool_id", "barcode", "location",
            "type", "locked", "scratch", "cleaning", "write_protect", "mounted", "ejected", "lost", "mount_count", "free",
            "max", "date_in", "last_size_update");
    private static final long CAPACITY = 4194304;

    private long library;
    private long other;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tapeflow.library.virtual-capacity", String.valueOf(CAPACITY));
        return properties;
    }

    @BeforeAll
    void libraries() {
        library = post("/api/v2/tape_libraries", Map.of("name", "vtl", "cartridges", 12), ADMIN).id();
        other = post("/api/v2/tape_libraries", Map.of("name", "other", "barcode_prefix", "OT", "cartridges", 3,
                "drives", 1, "cartridge_capacity", 1000), ADMIN).id();
    }

    private static List<Object> column(ApiResponse list, String key, String field) {
        return list.list(key).stream().map(row -> row.get(field)).toList();
    }

    @Test
    void aVirtualLibraryHasOnlineEmptyDrives() {
        ApiResponse drives = get("/api/v2/tape_libraries/vtl/tape_drives", ADMIN);

        assertEquals(200, drives.status(), drives.raw());
        assertEquals(2L, ((Number) drives.get("count")).longValue());
        Map<String, Object> first = drives.list("tape_drives").get(0);
        assertEquals(DRIVE_FIELDS, List.copyOf(first.keySet()));
        assertEquals(List.of("drive 0", "drive 1"), column(drives, "tape_drives", "name"));
        assertEquals(library, ((Number) first.get("tape_library_id")).longValue());
        assertEquals("online", first.get("status"));
        assertNull(first.get("barcode"));
        assertEquals(0, first.get("mount_count"));
        assertEquals(3L, ((Number) get("/api/v2/tape_drives", ADMIN).get("count")).longValue());
    }

    @Test
    void aDriveTakesItsSettingsAndIgnoresWhatItReports() {
        long id = ((Number) get("/api/v2/tape_libraries/other/tape_drives", ADMIN).list("tape_drives").get(0).get("id")).longValue();
        Map<String, Object> body = new HashMap<>(get("/api/v2/tape_drives/" + id, ADMIN).body());
        body.put("status", "offline");
        body.put("serial", "HU123");
        body.put("mount_count", 99);

        ApiResponse updated = put("/api/v2/tape_drives/" + id, body, ADMIN);

        assertEquals(200, updated.status(), updated.raw());
        assertEquals("offline", updated.get("status"));
        assertEquals("HU123", updated.get("serial"));
        assertEquals(0, updated.get("mount_count"));
        assertEquals(List.of("invalid"), put("/api/v2/tape_drives/" + id, Map.of("barcode_x", 1), ADMIN).errorKinds("barcode_x"));
        assertEquals(List.of("inclusion"), put("/api/v2/tape_drives/" + id, Map.of("status", "broken"), ADMIN).errorKinds("status"));
    }

    @Test
    void aVirtualLibrarysCartridgesAreBlankScratchTapesInItsSlots() {
        ApiResponse tape = get("/api/v2/tapes/TF0003L9", ADMIN);

        assertEquals(200, tape.status(), tape.raw());
        assertEquals(TAPE_FIELDS, List.copyOf(tape.body().keySet()));
        assertEquals(library, ((Number) tape.get("tape_library_id")).longValue());
        assertEquals("slot 3", tape.get("location"));
        assertEquals("data_lto9", tape.get("type"));
        assertEquals(true, tape.get("scratch"));
        assertEquals(false, tape.get("mounted"));
        assertEquals(CAPACITY, ((Number) tape.get("free")).longValue());
        assertEquals(CAPACITY, ((Number) tape.get("max")).longValue());
        assertNull(tape.get("pool_id"));
        assertEquals(tape.body(), get("/api/v2/tapes/" + tape.id(), ADMIN).body());
        assertEquals(12L, ((Number) get("/api/v2/tape_libraries/" + library + "/tapes", ADMIN).get("count")).longValue());
        assertEquals(1000, get("/api/v2/tapes/OT0001L9", ADMIN).get("max"));
    }

    @Test
    void tapesFilterOnLocationFreeSpaceAndBarcodePattern() {
        ApiResponse slot12 = get("/api/v2/tapes?location=slot%2012", ADMIN);
        ApiResponse small = get("/api/v2/tapes?free=%3C" + CAPACITY + "&sort_by=barcode:desc", ADMIN);
        ApiResponse pattern = get("/api/v2/tapes?barcode=~TF001_L9&sort_by=free,barcode:desc", ADMIN);

        assertEquals(List.of("TF0012L9"), column(slot12, "tapes", "barcode"), slot12.raw());
        assertEquals(List.of("OT0003L9", "OT0002L9", "OT0001L9"), column(small, "tapes", "barcode"));
        assertEquals(List.of("TF0012L9", "TF0011L9", "TF0010L9"), column(pattern, "tapes", "barcode"));
    }

    @Test
    void tapesArePagedByCursor() {
        ApiResponse first = get("/api/v2/tapes?tape_library_id=" + library + "&limit=5&sort_by=location", ADMIN);
        ApiResponse second = get("/api/v2/tapes?tape_library_id=" + library + "&limit=5&sort_by=location&cursor=" + first.get("next_cursor"), ADMIN);

        assertEquals(12L, ((Number) first.get("count")).longValue());
        assertEquals(5, first.list("tapes").size());
        assertEquals(5, second.list("tapes").size(), second.raw());
        assertEquals(List.of(), column(first, "tapes", "id").stream().filter(column(second, "tapes", "id")::contains).toList());
    }

    @Test
    void aTapesFlagsChangeAndItsReportedStateIsIgnored() {
        Map<String, Object> body = new HashMap<>(get("/api/v2/tapes/TF0005L9", ADMIN).body());
        body.put("lost", true);
        body.put("write_protect", true);
        body.put("free", 1);

        ApiResponse updated = put("/api/v2/tapes/TF0005L9", body, ADMIN);

        assertEquals(200, updated.status(), updated.raw());
        assertEquals(true, updated.get("lost"));
        assertEquals(true, updated.get("write_protect"));
        assertEquals(CAPACITY, ((Number) updated.get("free")).longValue());
        assertEquals(List.of("invalid"), put("/api/v2/tapes/TF0005L9", Map.of("pool_id", 424242), ADMIN).errorKinds("pool_id"));
    }

    @Test
    void onlyAnAdminChangesATape() {
        Auth user = createUser("tina", "user");

        assertEquals(403, put("/api/v2/tapes/TF0001L9", Map.of("locked", true), user).status());
        assertEquals(200, get("/api/v2/tapes/TF0001L9", user).status());
    }

    @Test
    void anApiKeyReadsTapesOnlyWithTheScope() {
        Auth withScope = createKey(ADMIN, "tapes/index");
        Auth without = createKey(ADMIN, "tape_drives/index");

        assertEquals(200, get("/api/v2/tapes", withScope).status());
        assertEquals(403, get("/api/v2/tapes/TF0001L9", withScope).status());
        assertEquals(403, get("/api/v2/tapes", without).status());
        assertEquals(200, get("/api/v2/tape_drives", without).status());
    }

    @Test
    void unknownIdsAre404() {
        assertEquals(404, get("/api/v2/tapes/NOPE01L9", ADMIN).status());
        assertEquals(404, get("/api/v2/tapes/99999999", ADMIN).status());
        assertEquals(404, get("/api/v2/tape_drives/99999999", ADMIN).status());
        assertEquals(404, get("/api/v2/tape_drives/drive%200", ADMIN).status());
        assertEquals(404, get("/api/v2/tape_libraries/nowhere/tapes", ADMIN).status());
        assertEquals(404, put("/api/v2/tapes/NOPE01L9", Map.of("locked", true), ADMIN).status());
    }
}
