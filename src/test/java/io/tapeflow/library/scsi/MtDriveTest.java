package io.tapeflow.library.scsi;

import io.tapeflow.library.TapeDevice.DriveStatus;
import io.tapeflow.library.TapeFullException;
import io.tapeflow.library.WriteProtectedException;
import org.junit.jupiter.api.BeforeEach;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A regular temp file stands in for the nst device; a fake mt records the positioning. */
class MtDriveTest {

    @TempDir
    Path tempDir;

    private FakeTapeTools tools;
    private Path device;
    private MtDrive drive;

    @BeforeEach
    void setUp() throws IOException {
        tools = FakeTapeTools.install(tempDir, "ibm-ts3100.txt");
        device = Files.writeString(tempDir.resolve("nst0"), "");
        drive = new MtDrive(tools.mt(), device, FakeTapeTools.TIMEOUT);
    }

    @Test
    void seekFileRewindsThenSpacesForwardThatManyFileMarks() throws IOException {
        drive.seekFile(3);

        assertEquals(List.of("-f " + device + " rewind", "-f " + device + " fsf 3"), tools.mtCalls());
        assertEquals(3, drive.status().fileNumber());
    }

    @Test
    void seekingFileZeroOnlyRewinds() throws IOException {
        drive.seekFile(0);

        assertEquals(List.of("-f " + device + " rewind"), tools.mtCalls());
    }

    @Test
    void seekEndOfDataAnswersTheFileNumberMtReportsThere() throws IOException {
        tools.endOfDataAt(7);

        assertEquals(7, drive.seekEndOfData());
        assertEquals(List.of("-f " + device + " eod", "-f " + device + " status"), tools.mtCalls());
    }

    @Test
    void statusReadsPositionAndFlagsFromMt() throws IOException {
        drive.seekFile(3);

        assertEquals(new DriveStatus(true, null, false, 3), drive.status());
    }

    @Test
    void statusOfAnEmptyDriveIsNotLoaded() throws IOException {
        tools.noMedium();

        assertEquals(new DriveStatus(false, null, false, -1), drive.status());
    }

    @Test
    void aFailingMtIsAnIoExceptionWithTheCommandAndItsOutput() throws IOException {
        tools.failMt("fsf", device + ": Input/output error\n");

        IOException e = assertThrows(IOException.class, () -> drive.seekFile(12));

        assertTrue(e.getMessage().contains(" -f " + device + " fsf 12` exited with 2: " + device
                + ": Input/output error"), e.getMessage());
    }

    @Test
    void writingSetsVariableBlockModeAndPadsTheLastBlockWithZeros() throws IOException {
        byte[] data = bytes(20);
        try (OutputStream out = drive.openWrite(8)) {
            out.write(data, 0, 5);
            out.write(data, 5, 15);
        }

        byte[] expected = Arrays.copyOf(data, 24);
        assertArrayEquals(expected, Files.readAllBytes(device));
        assertEquals(List.of("-f " + device + " setblk 0", "-f " + device + " status"), tools.mtCalls());
    }

    @Test
    void anEmptyTapeFileGetsItsFileMarkFromMtWeof() throws IOException {
        drive.openWrite(1 << 20).close();

        assertEquals(0, Files.size(device));
        assertEquals("-f " + device + " weof 1", tools.mtCalls().get(tools.mtCalls().size() - 1));
    }

    @Test
    void aWriteProtectedCartridgeRefusesToOpenForWrite() throws IOException {
        tools.writeProtect();

        assertThrows(WriteProtectedException.class, () -> drive.openWrite(1 << 20));
        assertEquals(0, Files.size(device));
    }

    @Test
    void aFullDeviceIsATapeFullException() throws IOException {
        Path full = Path.of("/dev/full"); // answers every write with ENOSPC, like st at end of medium
        assumeTrue(Files.isWritable(full));
        MtDrive onFull = new MtDrive(tools.mt(), full, FakeTapeTools.TIMEOUT);

        OutputStream out = onFull.openWrite(4096);
        assertThrows(TapeFullException.class, () -> out.write(new byte[4096]));
        out.close();

        assertTrue(tools.mtCalls().stream().noneMatch(call -> call.endsWith("weof 1")), tools.mtCalls().toString());
    }

    @Test
    void readingAnswersTheTapeFileUpToItsFileMark() throws IOException {
        byte[] data = bytes(3 * MtDrive.READ_BUFFER_SIZE + 17);
        Files.write(device, data);

        try (InputStream in = drive.openRead()) {
            assertArrayEquals(data, in.readAllBytes());
            assertEquals(-1, in.read());
        }

        assertEquals(List.of("-f " + device + " setblk 0"), tools.mtCalls());
    }

    @Test
    void closingBeforeTheFileMarkSpacesToTheNextTapeFile() throws IOException {
        Files.write(device, bytes(100));

        try (InputStream in = drive.openRead()) {
            in.read(new byte[10]);
        }

        assertEquals(List.of("-f " + device + " setblk 0", "-f " + device + " fsf 1"), tools.mtCalls());
    }

    @Test
    void noMtCommandRunsWhileAStreamHoldsTheDevice() throws IOException {
        try (InputStream in = drive.openRead()) {
            assertThrows(IllegalStateException.class, drive::rewind);
            assertThrows(IllegalStateException.class, () -> drive.openWrite(512));
        }
        drive.rewind();
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
