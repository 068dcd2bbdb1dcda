package io.tapeflow.library.scsi;

import io.tapeflow.library.Inventory;
import io.tapeflow.library.Inventory.Drive;
import io.tapeflow.library.Inventory.Slot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.tapeflow.library.scsi.FakeTapeTools.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MtxStatusParserTest {

    private final MtxStatusParser parser = new MtxStatusParser();

    @Test
    void ibmTs3100WithOneLoadedDriveACleaningTapeAndAnEmptyIoSlot() throws IOException {
        Inventory inventory = parser.parse(fixture("ibm-ts3100.txt"));

        assertEquals(List.of(new Drive(0, true, "A00004L7", 4), new Drive(1, false, null, null)), inventory.drives());
        assertEquals(slots("A00001L7 A00002L7 A00003L7 - A00005L7 A00006L7 - - - - B00011L6 B00012L6"
                + " - - - - - - - - - CLN001L1 io:-"), inventory.slots());
    }

    @Test
    void quantumSuperLoader3WithAnUnlabelledCartridgeAndNoIoSlot() throws IOException {
        Inventory inventory = parser.parse(fixture("quantum-superloader3.txt"));

        assertEquals(List.of(new Drive(0, true, "000002L6", 2)), inventory.drives());
        assertEquals(slots("000001L6 - 000003L6 ? 000005L6 000006L6 - - 000009L5 000010L5 - - - - - CLN001L1"),
                inventory.slots());
    }

    @Test
    void hpeMsl2024WithADriveOfUnknownSourceAndAFullMailSlot() throws IOException {
        Inventory inventory = parser.parse(fixture("hpe-msl2024.txt"));

        assertEquals(List.of(new Drive(0, true, "HPE001L8", 1), new Drive(1, true, "HPE007L8", null)),
                inventory.drives());
        assertEquals(slots("- HPE002L8 HPE003L8 HPE004L8 ? - - - - - - - HPE013L7 - - - - - - - - - CLN001L1"
                + " io:HPE099L8"), inventory.slots());
    }

    @Test
    void quantumScalarI3WithAnUnlabelledCartridgeInADriveAndFiveIoSlots() throws IOException {
        Inventory inventory = parser.parse(fixture("quantum-scalar-i3.txt"));

        assertEquals(List.of(new Drive(0, false, null, null), new Drive(1, true, null, 12)), inventory.drives());
        assertEquals(slots("QTM001L8 QTM002L8 QTM003L8 QTM004L8 QTM005L8 QTM006L8 QTM007L8 QTM008L8 QTM009L8"
                + " QTM010L8 Q00011M8 - - - - - - - - - - - - - CLN002L1 io:QTM050L8 io:- io:- io:- io:-"),
                inventory.slots());
    }

    @Test
    void alternateVolumeTagsAreIgnoredAndThePrimaryTagKept() throws IOException {
        Inventory inventory = parser.parse("""
                Data Transfer Element 0:Full (Storage Element 2 Loaded):VolumeTag = DISK02A:AlternateVolumeTag = DISK02B
                      Storage Element 1:Full :VolumeTag=DISK01A     :AlternateVolumeTag=DISK01B   \s
                      Storage Element 2:Empty
                """);

        assertEquals(List.of(new Drive(0, true, "DISK02A", 2)), inventory.drives());
        assertEquals(List.of(new Slot(1, false, true, "DISK01A"), new Slot(2, false, false, null)), inventory.slots());
    }

    @Test
    void windowsLineEndingsTrailingSpacesAndUnknownLinesAreTolerated() throws IOException {
        Inventory inventory = parser.parse("mtx: warning, something odd\r\n"
                + "  Storage Changer /dev/sg3:1 Drives, 1 Slots ( 0 Import/Export )  \r\n"
                + "Data Transfer Element 0:Empty   \r\n"
                + "      Storage Element 1:Full :VolumeTag=000001L8   \r\n"
                + "Loading media from Storage Element 1 into drive 0...done\r\n");

        assertEquals(List.of(new Drive(0, false, null, null)), inventory.drives());
        assertEquals(List.of(new Slot(1, false, true, "000001L8")), inventory.slots());
    }

    @Test
    void aMalformedElementLineIsAnErrorNamingTheLine() {
        IOException e = assertThrows(IOException.class, () -> parser.parse("""
                Data Transfer Element 0:Empty
                      Storage Element 1:Half full
                """));

        assertTrue(e.getMessage().contains("'Storage Element 1:Half full'"), e.getMessage());
    }

    @Test
    void aMalformedDriveLineIsAnErrorNamingTheLine() {
        IOException e = assertThrows(IOException.class,
                () -> parser.parse("Data Transfer Element 0:Full (Storage Element x Loaded)\n"));

        assertTrue(e.getMessage().contains("Data Transfer Element 0:Full (Storage Element x Loaded)"), e.getMessage());
    }

    @Test
    void outputShorterThanItsHeaderAnnouncesIsAnError() {
        String truncated = fixture("ibm-ts3100.txt").lines().limit(10).reduce("", (a, b) -> a + b + "\n");

        IOException e = assertThrows(IOException.class, () -> parser.parse(truncated));

        assertTrue(e.getMessage().contains("announces 2 drives, 23 slots"), e.getMessage());
    }

    @Test
    void outputWithoutAnyElementIsAnError() {
        IOException e = assertThrows(IOException.class,
                () -> parser.parse("mtx: cannot open SCSI device '/dev/sg3' - No such file or directory\n"));

        assertTrue(e.getMessage().contains("cannot open SCSI device"), e.getMessage());
    }

    /** Slots numbered from 1 in order: a barcode, {@code -} for empty, {@code ?} for full without label. */
    private static List<Slot> slots(String spec) {
        List<Slot> slots = new ArrayList<>();
        for (String token : spec.trim().split("\\s+")) {
            boolean io = token.startsWith("io:");
            String content = io ? token.substring(3) : token;
            boolean full = !content.equals("-");
            String barcode = full && !content.equals("?") ? content : null;
            slots.add(new Slot(slots.size() + 1, io, full, barcode));
        }
        return slots;
    }
}
