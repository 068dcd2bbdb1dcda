package io.tapeflow.tapeformat;

import io.tapeflow.library.TapeDevice;
import io.tapeflow.transfer.ChecksumType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tape back, label then every data tape file in order: {@link #scan} takes a whole (small) tape at once;
 * {@link #readTapeFile} one tape file at a time, for a run that rebuilds a catalog between tape files.
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

    /** Looks at each entry of a tape file as it is read; the entry's bytes are {@code reader.content()} until it returns. */
    public interface EntryVisitor {
        void visit(TapeEntry entry, TapeFileReader reader) throws IOException;
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
                readTapeFile(device, tapeFile, (entry, reader) ->
                        entries.add(new ScannedEntry(entry, type.needsBytes() ? reader.checksum(type) : null)));
            }
        }
        return new TapeScan(label, tapeFiles, entries);
    }

    /**
     * Reads the tape file {@code tapeFile}, at which the head stands, to its file mark, showing each entry to
     * {@code visitor}; answers the tape file's size on tape. The head is left at the next tape file, so consecutive
     * tape files are read without seeking.
     */
    public static long readTapeFile(TapeDevice device, int tapeFile, EntryVisitor visitor) throws IOException {
        try (TapeFileReader reader = new TapeFileReader(device.openRead(), tapeFile)) {
            for (TapeEntry entry = reader.next(); entry != null; entry = reader.next()) {
                visitor.visit(entry, reader);
            }
            return reader.readToEnd();
        }
    }
}
