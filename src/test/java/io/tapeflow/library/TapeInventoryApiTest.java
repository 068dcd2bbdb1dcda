package io.tapeflow.library;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the robot reports (a hand-built Inventory) becomes the tapes and drives the API shows. */
@MicronautTest(transactional = false)
class TapeInventoryApiTest extends ApiTestSupport {

    @Inject
    TapeLibraryService libraries;

    @Test
    void anInventoryAddsMovesAndEjectsCartridges() {
        long library = post("/api/v2/tape_libraries", Map.of("name", "msl", "protocol", "scsi", "device", "/dev/sg3",
                "drive_devices", List.of("/dev/nst0", "/dev/nst1"), "storage_slots", 8, "io_slots", 1), ADMIN).id();

        libraries.syncInventory(library, new Inventory(
                List.of(new Inventory.Drive(0, true, "AB0003L9", 4), new Inventory.Drive(1, false, null, null)),
                List.of(new Inventory.Slot(1, false, true, "AB0001L8"), new Inventory.Slot(2, false, false, null),
                        new Inventory.Slot(3, false, true, "CLN001CU"), new Inventory.Slot(9, true, true, "AB0002L7"))));

        ApiResponse lto8 = get("/api/v2/tapes/AB0001L8", ADMIN);
        ApiResponse loaded = get("/api/v2/tapes/AB0003L9", ADMIN);
        assertEquals("slot 1", lto8.get("location"));
        assertEquals("data_lto8", lto8.get("type"));
        assertEquals(12_000_000_000_000L, ((Number) lto8.get("max")).longValue());
        assertEquals("cleaning", get("/api/v2/tapes/CLN001CU", ADMIN).get("type"));
        assertEquals(true, get("/api/v2/tapes/CLN001CU", ADMIN).get("cleaning"));
        assertEquals("io 1", get("/api/v2/tapes/AB0002L7", ADMIN).get("location"), "I/O slots are numbered from 1, as labelled");
        assertEquals("drive 0", loaded.get("location"));
        assertEquals(true, loaded.get("mounted"));
        assertEquals("AB0003L9", drive(library, 0).get("barcode"));

        libraries.syncInventory(library, new Inventory(
                List.of(new Inventory.Drive(0, false, null, null), new Inventory.Drive(1, false, null, null)),
                List.of(new Inventory.Slot(3, false, true, "CLN001CU"), new Inventory.Slot(4, false, true, "AB0003L9"),
                        new Inventory.Slot(9, true, true, "AB0002L7"))));

        ApiResponse unloaded = get("/api/v2/tapes/AB0003L9", ADMIN);
        assertEquals("slot 4", unloaded.get("location"));
        assertEquals(false, unloaded.get("mounted"));
        assertEquals(true, get("/api/v2/tapes/AB0001L8", ADMIN).get("ejected"));
        assertNull(drive(library, 0).get("barcode"));
        assertEquals(4L, ((Number) get("/api/v2/tape_libraries/msl/tapes", ADMIN).get("count")).longValue());
    }

    private Map<String, Object> drive(long library, int number) {
        return get("/api/v2/tape_libraries/" + library + "/tape_drives?name=drive%20" + number, ADMIN).list("tape_drives").get(0);
    }
}
