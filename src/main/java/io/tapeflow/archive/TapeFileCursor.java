package io.tapeflow.archive;

import io.tapeflow.library.TapeDevice;
import io.tapeflow.tapeformat.TapeEntry;
import io.tapeflow.tapeformat.TapeFileReader;

import java.io.IOException;

/**
 * Where a run reading catalogued entries in physical order stands on the loaded tape: the tape file open and the
 * entry reached. Moving forward reads on; another tape file is opened by seeking. Close it when the tape changes.
 */
final class TapeFileCursor implements AutoCloseable {

    private TapeFileReader reader;
    private int tapeFile = -1;
    private TapeEntry current;

    /** The entry at {@code position} of {@code tapeFile}; null when the tape file ends before it. */
    TapeEntry seek(TapeDevice device, int tapeFile, int position) throws IOException {
        if (reader == null || this.tapeFile != tapeFile || (current != null && current.entryIndex() > position)) {
            close();
            reader = TapeFileReader.open(device, tapeFile);
            this.tapeFile = tapeFile;
        }
        while (current == null || current.entryIndex() < position) {
            current = reader.next();
            if (current == null) {
                return null;
            }
        }
        return current.entryIndex() == position ? current : null;
    }

    /** The reader of the current tape file, positioned at the entry {@link #seek} answered. */
    TapeFileReader reader() {
        return reader;
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // why: the next tape file is opened by seeking, whatever state this stream was left in
            }
        }
        reader = null;
        tapeFile = -1;
        current = null;
    }
}
