package io.tapeflow.archive;

import io.tapeflow.tapeformat.TapeEntry;
import io.tapeflow.tapeformat.TapeFileReader;
import io.tapeflow.transfer.StreamingChecksum;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Reads catalogued entries off one of a run's drives: loads the cartridge if another is in, opens the
 * tape file and reads forward to the entry. Entries asked in physical order cost one pass of the tape.
 * Restores, copies and consistency checks all read through it.
 */
final class TapeReading implements Closeable {

    private final TapeRun run;
    private final CartridgeChanger changer;
    /** Whether this reads with the run's second drive (tape-to-tape copies) rather than its only one. */
    private final boolean readingDrive;
    private TapeFileReader reader;
    private long tapeId;
    private int tapeFile;
    private TapeEntry current;

    TapeReading(TapeRun run, CartridgeChanger changer, boolean readingDrive) {
        this.run = run;
        this.changer = changer;
        this.readingDrive = readingDrive;
    }

    /** The entry at {@code position} of the tape file, its content ready to read; null when the tape file has no such entry. */
    TapeEntry seek(long tapeId, int tapeFile, int position) throws IOException {
        if (tapeId != (readingDrive ? run.readGrant : run.grant).tapeId()) {
            close(); // why: a drive streaming a tape file lets the robot take nothing out
            if (readingDrive) {
                changer.loadForReading(run, tapeId);
            } else {
                changer.load(run, tapeId);
            }
        }
        if (reader == null || this.tapeId != tapeId || this.tapeFile != tapeFile || current == null || current.entryIndex() >= position) {
            close();
            reader = TapeFileReader.open(readingDrive ? run.readDevice : run.device, tapeFile);
            this.tapeId = tapeId;
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

    /** The bytes of the entry {@link #seek} found. */
    InputStream content() {
        return reader.content();
    }

    /** Feeds the rest of the entry {@link #seek} found to {@code checksum}, telling {@code meter}; answers the bytes read. */
    long feed(StreamingChecksum checksum, LongConsumer meter) throws IOException {
        return reader.feed(checksum, meter);
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
        current = null;
    }
}
