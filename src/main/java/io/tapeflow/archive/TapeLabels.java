package io.tapeflow.archive;

import io.tapeflow.library.TapeMounter;
import io.tapeflow.tapeformat.TapeLabel;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Makes sure the cartridge in the drive is the one the database means before anything is written:
 * a blank cartridge gets its label; a labelled one must carry the expected barcode.
 */
@Singleton
class TapeLabels {

    private final TapeBook book;

    TapeLabels(TapeBook book) {
        this.book = book;
    }

    void ensureLabelled(TapeRun run, TapeMounter.Cartridge tape) throws IOException {
        if (tape.fileCount() == 0) {
            TapeLabel found = TapeLabel.read(run.device);
            if (found != null) {
                // why: the database thinks the cartridge blank; labelling one that is not would destroy what it holds
                throw new IOException("tape " + tape.barcode() + " should be blank but the cartridge in the drive is labelled "
                        + found.barcode() + ": nothing was written; scan or format it first");
            }
            long bytes = write(run, tape);
            book.atomically(() -> book.tapeFileWritten(tape.id(), 0, bytes));
            run.log.info(null, "labelled blank tape " + tape.barcode());
            return;
        }
        requireLabel(run, tape, "nothing was written");
    }

    /**
     * Reads the label of the cartridge in the drive (which rewinds it).
     *
     * @throws IOException saying what did not happen ({@code consequence}) unless it is labelled with the tape's barcode
     */
    void requireLabel(TapeRun run, TapeMounter.Cartridge tape, String consequence) throws IOException {
        TapeLabel label = TapeLabel.read(run.device);
        if (label == null || !tape.barcode().equals(label.barcode())) {
            throw new IOException("the cartridge in the drive is labelled " + (label == null ? "nothing Tapeflow knows" : label.barcode())
                    + ", not " + tape.barcode() + ": " + consequence);
        }
    }

    /** Writes a new label (truncating the tape) and answers the bytes it takes. */
    long write(TapeRun run, TapeMounter.Cartridge tape) throws IOException {
        return write(run.device, tape);
    }

    /** Writes a new label on the cartridge in {@code device} (truncating the tape) and answers the bytes it takes. */
    long write(io.tapeflow.library.TapeDevice device, TapeMounter.Cartridge tape) throws IOException {
        TapeLabel.of(tape.barcode(), null).write(device);
        return io.tapeflow.tapeformat.TapeFormat.LABEL_BLOCK_SIZE;
    }
}
