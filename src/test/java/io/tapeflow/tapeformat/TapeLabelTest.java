package io.tapeflow.tapeformat;

import io.tapeflow.library.TapeDevice;
import io.tapeflow.library.virtual.Barcodes;
import io.tapeflow.library.virtual.VirtualLibrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TapeLabelTest {

    @TempDir
    Path dir;
    private VirtualLibrary library;
    private TapeDevice drive;

    @BeforeEach
    void loadABlankTape() throws IOException {
        library = VirtualLibrary.create(dir.resolve("lib"), 1, 2, 0, Barcodes.defaultBarcodes(2), 8 << 20, "data_lto9");
        library.load(1, 0);
        drive = library.drive(0);
    }

    @Test
    void aLabelReadsBackAsWritten() throws IOException {
        TapeLabel label = new TapeLabel("TF0001L9", TapeFormat.FORMAT, Instant.parse("2024-05-01T10:15:30Z"), "archive");

        label.write(drive);

        assertEquals(label, TapeLabel.read(drive));
        assertEquals(1, drive.seekEndOfData());
        assertEquals(TapeFormat.LABEL_BLOCK_SIZE, Files.size(library.cartridgeDirectory("TF0001L9").resolve("000000.tapefile")));
    }

    @Test
    void labellingATapeFormatsIt() throws IOException {
        TapeLabel.of("TF0001L9", null).write(drive);
        try (OutputStream out = drive.openWrite(TapeFormat.BLOCK_SIZE)) {
            out.write(new byte[10]);
        }

        TapeLabel.of("TF0001L9", "other").write(drive);

        assertEquals(1, drive.seekEndOfData());
        assertEquals("other", TapeLabel.read(drive).pool());
    }

    @Test
    void aBlankOrForeignTapeHasNoLabel() throws IOException {
        assertNull(TapeLabel.read(drive));

        try (OutputStream out = drive.openWrite(512)) {
            out.write("not a tar archive at all, just some bytes".repeat(40).getBytes(StandardCharsets.UTF_8));
        }
        assertNull(TapeLabel.read(drive));
    }

    @Test
    void aLabelOfAnotherCartridgeIsRefused() {
        assertThrows(IOException.class, () -> TapeLabel.of("TF0002L9", null).write(drive));
    }
}
