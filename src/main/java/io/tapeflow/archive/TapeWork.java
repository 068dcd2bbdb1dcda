package io.tapeflow.archive;

import io.tapeflow.library.DriveAllocator;

import java.io.IOException;

/** One kind of tape run (archive, restore, format, ...): what drive and cartridge it needs, and the work. */
interface TapeWork {

    /** How one job's share of the work ended. */
    enum Outcome {
        /** Everything is done; the runner finalizes the run. */
        FINISHED,
        /** The time slice is over: a new job carries on from the checkpoint, keeping the drive. */
        HANDED_OVER,
        /** A pause or stop was acknowledged at a clean point. */
        PAUSED, STOPPED
    }

    /** The drive and cartridge the run needs first; null when there is nothing to do. */
    DriveAllocator.Need need(TapeRun run) throws IOException;

    Outcome work(TapeRun run) throws IOException;
}
