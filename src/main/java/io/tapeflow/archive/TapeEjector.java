package io.tapeflow.archive;

import io.tapeflow.library.TapeMounter;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.List;

/**
 * Ejects the task's tapes: the robot moves each one to a free I/O slot, where an operator takes it out
 * (to a vault, say). Needs no drive. A tape another run is using stays, with a warning.
 */
@Singleton
class TapeEjector {

    private final TapeBook book;
    private final TapeMounter mounter;

    TapeEjector(TapeBook book, TapeMounter mounter) {
        this.book = book;
        this.mounter = mounter;
    }

    TapeWork.Outcome eject(TapeRun run) throws IOException {
        List<Long> tapes = TapeFormatter.tapes(book, run);
        for (int i = 0; i < tapes.size(); i++) {
            TapeMounter.Cartridge tape = mounter.cartridge(tapes.get(i));
            if (tape.locationKind().equals("io")) {
                run.log.info(tape.barcode(), "already in I/O slot " + tape.locationNumber());
                run.progress = run.progress.skipped(0, i + 1, null);
            } else if (book.inUse(tape.id())) {
                run.log.warn(tape.barcode(), "not ejected: another run is using it");
                run.progress = run.progress.failed(0, i + 1, null);
            } else if (mounter.eject(tape)) {
                run.log.info(tape.barcode(), "ejected to an I/O slot");
                run.progress = run.progress.processed(0, true, i + 1, null);
            } else {
                run.log.error(tape.barcode(), "not ejected: every I/O slot is full");
                run.progress = run.progress.failed(0, i + 1, null);
            }
        }
        return TapeWork.Outcome.FINISHED;
    }
}
