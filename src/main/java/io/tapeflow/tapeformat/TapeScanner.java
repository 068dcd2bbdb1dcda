package io.tapeflow.tapeformat;

import io.tapeflow.library.TapeDevice;
import io.tapeflow.transfer.ChecksumType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole tape back, label then every data tape file in order: rebuilds a catalog from a tape ({@code scan})
 * and, with a checksum type, re-checksums every entry ({@code check_consistency}).
 */
public final class TapeScanner {

    /** What is on a tape: its label ({@code null} if not a Tapeflow tape), the number of tape files, every entry. */
    public record TapeScan(TapeLabel label, int tapeFiles, List<ScannedEntry> entries) {
        public TapeScan {
            entries = List.copyOf(entries);
        }
    }

    /** An entry and the checksum of its bytes as read now ({@code null} with {@link ChecksumType#none}). */
    public record ScannedEntry(TapeEntry entry, String checksum) {
    }

    private TapeScanner() {
    }

    /** Scans the loaded tape; {@code type} {@link ChecksumType#none} skips over the content without hashing it. */
    public static TapeScan scan(TapeDevice device, ChecksumType type) throws IOException {
        TapeLabel label = TapeLabel.read(device);
        int tapeFiles = device.seekEndOfData();
        List<ScannedEntry> entries = new ArrayList<>();
        if (label != null && tapeFiles > 1) {
            device.seekFile(1);
            for (int tapeFile = 1; tapeFile < tapeFiles; tapeFile++) {
                // why: reading a tape file leaves the head at the next one, so no seek between them
                try (TapeFileReader reader = new TapeFileReader(device.openRead(), tapeFile)) {
                    for (TapeEntry entry = reader.next(); entry != null; entry = reader.next()) {
                        entries.add(new ScannedEntry(entry, type.needsBytes() ? reader.checksum(type) : null));
                    }
                }
            }
        }
        return new TapeScan(label, tapeFiles, entries);
    }
}
