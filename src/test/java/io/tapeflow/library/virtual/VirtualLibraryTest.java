package io.tapeflow.library.virtual;

import io.tapeflow.library.Inventory;
import io.tapeflow.library.TapeDevice;
import io.tapeflow.library.TapeFullException;
import io.tapeflow.library.WriteProtectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtualLibraryTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private VirtualLibrary aLibrary(long capacity) throws IOException {
        return VirtualLibrary.create(dir.resolve("lib"), 2, 4, 2, Barcodes.defaultBarcodes(3), capacity, "data_lto9");
    }

    @Test
    void defaultBarcodesAreNumberedWithTheLto9Suffix() {
        assertEquals(List.of("TF0001L9", "TF0002L9"), Barcodes.defaultBarcodes(2));
    }

    @Test
    void aNewLibraryHasItsCartridgesInTheFirstSlotsAndEmptyDrives() throws IOException {
        Inventory inventory = aLibrary(MIB).inventory();

        assertEquals(2, inventory.drives().size());
        assertTrue(inventory.drives().stream().noneMatch(Inventory.Drive::full));
        assertEquals(6, inventory.slots().size());
        assertEquals(new Inventory.Slot(1, false, true, "TF0001L9"), inventory.slots().get(0));
        assertEquals(new Inventory.Slot(4, false, false, null), inventory.slots().get(3));
        assertEquals(new Inventory.Slot(5, true, false, null), inventory.slots().get(4));
    }

    @Test
    void whileATapeFileIsOpenTheDriveDoesNothingElseAsARealOneWould() throws IOException {
        VirtualLibrary library = aLibrary(MIB);
        library.load(1, 0);
        TapeDevice drive = library.drive(0);
        try (var out = drive.openWrite(1024)) {
            out.write(new byte[100]);
            assertThrows(IllegalStateException.class, () -> drive.seekFile(0));
            assertThrows(IllegalStateException.class, () -> drive.openWrite(1024));
            assertThrows(IllegalStateException.class, () -> library.unload(0, 1));
        }
        drive.rewind();
        try (var in = drive.openRead()) {
            assertThrows(IllegalStateException.class, drive::rewind);
            assertEquals(100, in.readAllBytes().length);
        }
        library.unload(0, 1);
    }

    @Test
    void creatingASecondLibraryInTheSameDirectoryIsRefused() throws IOException {
        aLibrary(MIB);
        assertThrows(IOException.class, () -> aLibrary(MIB));
    }

    @Test
    void loadUnloadAndTransferMoveCartridgesAndTheInventoryFollows() throws IOException {
        VirtualLibrary library = aLibrary(MIB);

        library.load(2, 1);
        Inventory afterLoad = library.inventory();
        assertEquals(new Inventory.Drive(1, true, "TF0002L9", 2), afterLoad.drives().get(1));
        assertFalse(afterLoad.slots().get(1).full());
        assertEquals("TF0002L9", library.drive(1).status().barcode());

        library.unload(1, 4);
        library.transfer(1, 5);
        Inventory after = library.inventory();
        assertFalse(after.drives().get(1).full());
        assertEquals("TF0002L9", after.slots().get(3).barcode());
        assertEquals(new Inventory.Slot(5, true, true, "TF0001L9"), after.slots().get(4));
        assertTrue(Files.isDirectory(library.directory().resolve("io/5/TF0001L9")));
    }

    @Test
    void robotMovesThatCannotHappenFailWithAClearMessage() throws IOException {
        VirtualLibrary library = aLibrary(MIB);
        library.load(1, 0);

        assertEquals("drive 0 already holds TF0001L9", assertThrows(IOException.class, () -> library.load(2, 0)).getMessage());
        assertEquals("slot 4 is empty", assertThrows(IOException.class, () -> library.load(4, 1)).getMessage());
        assertEquals("drive 1 is empty", assertThrows(IOException.class, () -> library.unload(1, 4)).getMessage());
        assertEquals("slot 2 already holds TF0002L9", assertThrows(IOException.class, () -> library.unload(0, 2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> library.load(7, 1));
    }

    @Test
    void readingOrWritingWithNoTapeLoadedFails() throws IOException {
        TapeDevice drive = aLibrary(MIB).drive(0);

        assertEquals("no tape loaded in drive 0", assertThrows(IOException.class, drive::openRead).getMessage());
        assertThrows(IOException.class, () -> drive.openWrite(512));
        assertFalse(drive.status().loaded());
    }

    @Test
    void writtenTapeFilesReadBackInOrderThenEndOfData() throws IOException {
        VirtualLibrary library = aLibrary(MIB);
        library.load(1, 0);
        TapeDevice drive = library.drive(0);
        write(drive, bytes(100, 1));
        write(drive, bytes(2000, 2));
        assertEquals(2, drive.status().fileNumber());

        drive.rewind();
        assertArrayEquals(bytes(100, 1), read(drive));
        assertArrayEquals(bytes(2000, 2), read(drive));
        assertThrows(IOException.class, drive::openRead);
        assertEquals(2, drive.seekEndOfData());
        assertThrows(IOException.class, () -> drive.seekFile(3));
        assertEquals(2100, library.used("TF0001L9"));
    }

    @Test
    void aWriteProtectedCartridgeRefusesWrites() throws IOException {
        VirtualLibrary library = aLibrary(MIB);
        library.load(1, 0);
        write(library.drive(0), bytes(10, 1));
        library.setWriteProtect("TF0001L9", true);

        library.drive(0).rewind();
        assertThrows(WriteProtectedException.class, () -> library.drive(0).openWrite(512));
        assertTrue(library.drive(0).status().writeProtected());
        assertEquals(1, library.drive(0).seekEndOfData());
    }

    @Test
    void aWritePastCapacityThrowsAndLeavesNothingOfThatTapeFile() throws IOException {
        VirtualLibrary library = aLibrary(10_000);
        library.load(1, 0);
        TapeDevice drive = library.drive(0);
        write(drive, bytes(6000, 1));

        OutputStream out = drive.openWrite(1000);
        out.write(bytes(3000, 2));
        assertThrows(TapeFullException.class, () -> out.write(bytes(2000, 3)));
        out.close();

        assertEquals(1, drive.seekEndOfData());
        assertEquals(6000, library.used("TF0001L9"));
        drive.rewind();
        assertArrayEquals(bytes(6000, 1), read(drive));
        try (var files = Files.list(library.cartridgeDirectory("TF0001L9"))) {
            assertEquals(2, files.count(), "cartridge.properties and one image");
        }
    }

    @Test
    void writingAtFileTwoOfFiveTruncatesTheRest() throws IOException {
        VirtualLibrary library = aLibrary(MIB);
        library.load(1, 0);
        TapeDevice drive = library.drive(0);
        for (int i = 0; i < 5; i++) {
            write(drive, bytes(10, i));
        }

        drive.seekFile(2);
        write(drive, bytes(20, 9));

        assertEquals(3, drive.seekEndOfData());
        drive.seekFile(2);
        assertArrayEquals(bytes(20, 9), read(drive));
        assertFalse(Files.exists(library.cartridgeDirectory("TF0001L9").resolve("000003.tapefile")));
    }

    @Test
    void aSecondOpenOfTheSameDirectorySeesTheMovesAndTheData() throws IOException {
        VirtualLibrary first = aLibrary(MIB);
        first.load(3, 1);
        write(first.drive(1), bytes(42, 4));

        VirtualLibrary second = VirtualLibrary.open(first.directory());
        assertEquals("TF0003L9", second.inventory().drives().get(1).barcode());
        assertEquals(0, second.drive(1).status().fileNumber());
        assertArrayEquals(bytes(42, 4), read(second.drive(1)));

        second.unload(1, 3);
        assertFalse(first.inventory().drives().get(1).full());
        assertThrows(IOException.class, () -> first.drive(1).openRead());
    }

    @Test
    void settingsPersistAndASeekDelaySlowsPositioning() throws IOException {
        VirtualLibrary library = aLibrary(MIB);
        library.settings(new LibrarySettings(0, 150, 0));
        library.load(1, 0);

        long start = System.nanoTime();
        VirtualLibrary.open(library.directory()).drive(0).rewind();
        assertTrue(System.nanoTime() - start >= 140_000_000L);
        assertEquals(new LibrarySettings(0, 150, 0), VirtualLibrary.open(library.directory()).settings());
        assertNull(VirtualLibrary.open(library.directory()).inventory().slots().get(0).barcode());
    }

    @Test
    void aBandwidthCapThrottlesWrites() throws IOException {
        VirtualLibrary library = aLibrary(MIB);
        library.settings(new LibrarySettings(0, 0, 1_000_000));
        library.load(1, 0);

        long start = System.nanoTime();
        write(library.drive(0), bytes(300_000, 1));
        assertTrue(System.nanoTime() - start >= 200_000_000L);
    }

    static void write(TapeDevice drive, byte[] content) throws IOException {
        try (OutputStream out = drive.openWrite(1024)) {
            out.write(content);
        }
    }

    static byte[] read(TapeDevice drive) throws IOException {
        try (InputStream in = drive.openRead()) {
            return in.readAllBytes();
        }
    }

    static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) seed);
        for (int i = 0; i < size; i += 7) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }
}
