package io.tapeflow.archive;

import io.tapeflow.library.DriveAllocator;
import io.tapeflow.library.TapeMounter;
import jakarta.inject.Singleton;

import java.io.IOException;

/** Puts another cartridge in the drive a run holds: leases it, and mounts it in place of the one there. */
@Singleton
class TapeSwitch {

    private final DriveAllocator allocator;
    private final TapeMounter mounter;

    TapeSwitch(DriveAllocator allocator, TapeMounter mounter) {
        this.allocator = allocator;
        this.mounter = mounter;
    }

    /** Does nothing when the run holds {@code tapeId} already. */
    void to(TapeRun run, long tapeId) throws IOException {
        if (run.grant.tapeId() == tapeId) {
            return;
        }
        if (allocator.switchTape(run.id(), run.grant.libraryId(), tapeId, null).isEmpty()) {
            throw new IOException("tape " + mounter.cartridge(tapeId).barcode() + " is in use by another run");
        }
        mounter.unload(run.grant.libraryId(), run.grant.driveNumber());
        run.grant = new DriveAllocator.Grant(run.grant.driveId(), run.grant.driveNumber(), run.grant.libraryId(), tapeId);
        run.device = mounter.mount(run.grant);
    }
}
