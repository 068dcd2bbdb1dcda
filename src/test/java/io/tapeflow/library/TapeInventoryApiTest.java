package io.tapeflow.library;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import io.tapeflow.library.virtual.VirtualLibrary;

import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void theInventoryEndpointReadsTheVirtualRobot() throws Exception {
        Path dir = Files.createTempDirectory("tf-inventory").resolve("lib");
        long library = post("/api/v2/tape_libraries", Map.of("name", "inv", "device", dir.toString(), "drives", 1,
                "storage_slots", 4, "io_slots", 2, "cartridges", 3, "barcode_prefix", "IV"), ADMIN).id();
        // an operator takes IV0001L9 out through the door, moves IV0002L9 to slot 4 by hand,
        // and puts a cartridge written by another site (VirtualLibrary.create in another directory) in the first I/O slot
        Files.move(dir.resolve("slots/1/IV0001L9"), Files.createTempDirectory("tf-shelf").resolve("IV0001L9"));
        Files.move(dir.resolve("slots/2/IV0002L9"), dir.resolve("slots/4/IV0002L9"));
        Path elsewhere = Files.createTempDirectory("tf-other").resolve("lib");
        VirtualLibrary.create(elsewhere, 1, 1, 0, List.of("XY0007L8"), 1 << 20, "data_lto8");
        Files.move(elsewhere.resolve("slots/1/XY0007L8"), dir.resolve("io/5/XY0007L8"));

        ApiResponse changes = post("/api/v2/tape_libraries/inv/inventory", Map.of(), ADMIN);

        assertEquals(200, changes.status(), changes.raw());
        assertEquals(List.of("XY0007L8"), changes.get("added"));
        assertEquals(List.of("IV0002L9"), changes.get("moved"));
        assertEquals(List.of("IV0001L9"), changes.get("ejected"));
        assertEquals("io 1", get("/api/v2/tapes/XY0007L8", ADMIN).get("location"));
        assertEquals("slot 4", get("/api/v2/tapes/IV0002L9", ADMIN).get("location"));
        assertEquals(true, get("/api/v2/tapes/IV0001L9", ADMIN).get("ejected"));
        ApiResponse again = post("/api/v2/tape_libraries/" + library + "/inventory", Map.of(), ADMIN);
        assertEquals(Map.of("added", List.of(), "moved", List.of(), "ejected", List.of()), again.body(), "a second look changes nothing");
    }

    @Test
    void aRobotThatDoesNotAnswerIsAConflictAndChangesNothing() {
        long library = post("/api/v2/tape_libraries", Map.of("name", "gone", "protocol", "scsi", "device", "/dev/tapeflow-no-such-sg",
                "drive_devices", List.of("/dev/tapeflow-no-such-nst"), "storage_slots", 4, "io_slots", 1), ADMIN).id();

        ApiResponse answer = post("/api/v2/tape_libraries/" + library + "/inventory", Map.of(), ADMIN);

        assertEquals(409, answer.status(), answer.raw());
        assertEquals(0L, ((Number) get("/api/v2/tape_libraries/gone/tapes", ADMIN).get("count")).longValue());
        assertEquals(403, post("/api/v2/tape_libraries/" + library + "/inventory", Map.of(), createUser("operator", "user")).status());
    }

    private Map<String, Object> drive(long library, int number) {
        return get("/api/v2/tape_libraries/" + library + "/tape_drives?name=drive%20" + number, ADMIN).list("tape_drives").get(0);
    }
}
