package io.tapeflow.library.scsi;

import io.tapeflow.library.Inventory;
import io.tapeflow.library.Inventory.Drive;
import io.tapeflow.library.Inventory.Slot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the fake mtx replaying an HPE MSL2024 (drive 0 holds HPE001L8 from slot 1, slot 24 is the mail slot). */
class ScsiLibraryTest {

    @TempDir
    Path tempDir;

    private FakeTapeTools tools;
    private ScsiLibrary library;

    @BeforeEach
    void setUp() throws IOException {
        tools = FakeTapeTools.install(tempDir, "hpe-msl2024.txt");
        library = ScsiLibrary.create("/dev/sg5", List.of(Path.of("/dev/nst0"), Path.of("/dev/nst1")), tools.commands());
    }

    @Test
    void inventoryParsesMtxStatus() throws IOException {
        Inventory inventory = library.inventory();

        assertEquals(new Drive(0, true, "HPE001L8", 1), inventory.drives().get(0));
        assertEquals(new Slot(24, true, true, "HPE099L8"), inventory.slots().get(23));
        assertEquals(List.of("-f /dev/sg5 status"), tools.mtxCalls());
    }

    @Test
    void unloadEjectsTheCartridgeThenHasTheRobotTakeIt() throws IOException {
        library.unload(0, 1);

        assertEquals(List.of("-f /dev/nst0 offline"), tools.mtCalls());
        assertEquals(List.of("-f /dev/sg5 unload 1 0"), tools.mtxCalls());
        assertEquals(new Drive(0, false, null, null), library.inventory().drives().get(0));
        assertEquals(new Slot(1, false, true, "HPE001L8"), library.inventory().slots().get(0));
    }

    @Test
    void loadMovesASlotsCartridgeIntoTheDrive() throws IOException {
        library.unload(0, 1);
        tools.clearLogs();

        library.load(3, 0);

        assertEquals(List.of("-f /dev/sg5 load 3 0"), tools.mtxCalls());
        assertEquals(new Drive(0, true, "HPE003L8", 3), library.inventory().drives().get(0));
    }

    @Test
    void transferMovesBetweenSlots() throws IOException {
        library.transfer(24, 6);

        assertEquals(List.of("-f /dev/sg5 transfer 24 6"), tools.mtxCalls());
        Inventory inventory = library.inventory();
        assertEquals(new Slot(6, false, true, "HPE099L8"), inventory.slots().get(5));
        assertEquals(new Slot(24, true, false, null), inventory.slots().get(23));
    }

    @Test
    void aRefusedMoveSurfacesMtxsMessage() {
        IOException e = assertThrows(IOException.class, () -> library.load(2, 1)); // drive 1 is full

        assertTrue(e.getMessage().contains("destination Element Address drive:1 is Already Full"), e.getMessage());
    }

    @Test
    void drivesAreTheConfiguredDevicesInElementOrder() {
        assertEquals(Path.of("/dev/nst1"), ((MtDrive) library.drive(1)).device());
        assertThrows(IllegalArgumentException.class, () -> library.drive(2));
        assertThrows(IllegalArgumentException.class, () -> library.load(1, 2));
    }
}
