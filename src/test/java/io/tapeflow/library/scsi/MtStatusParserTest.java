package io.tapeflow.library.scsi;

import io.tapeflow.library.TapeDevice.DriveStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MtStatusParserTest {

    @Test
    void aLoadedDriveAfterAFileMark() throws IOException {
        DriveStatus status = MtStatusParser.parse("""
                SCSI 2 tape drive:
                File number=3, block number=0, partition=0.
                Tape block size 0 bytes. Density code 0x5c (LTO-8).
                Soft error count since last status=0
                General status bits on (81010000):
                 EOF ONLINE IM_REP_EN
                """);

        assertEquals(new DriveStatus(true, null, false, 3), status);
    }

    @Test
    void aWriteProtectedCartridgeAtTheBeginning() throws IOException {
        DriveStatus status = MtStatusParser.parse("""
                SCSI 2 tape drive:
                File number=0, block number=0, partition=0.
                Tape block size 0 bytes. Density code 0x5c (LTO-8).
                Soft error count since last status=0
                General status bits on (45010000):
                 BOT WR_PROT ONLINE IM_REP_EN
                """);

        assertEquals(new DriveStatus(true, null, true, 0), status);
    }

    @Test
    void gnuCpioMtOutputIsRejectedAsUnrecognised() {
        IOException e = assertThrows(IOException.class, () -> MtStatusParser.parse("""
                drive type = Generic SCSI-2 tape
                drive status = 1174405120
                sense key error = 0
                residue count = 0
                file number = 0
                block number = 0
                """));

        assertTrue(e.getMessage().contains("is mt the mt-st tool?"), e.getMessage());
    }
}
