package io.tapeflow.archive;

import io.tapeflow.library.TapeFullException;
import io.tapeflow.library.DriveAllocator;
import io.tapeflow.library.TapeMounter;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Collection;

/**
 * Puts another cartridge into one of a run's drives: leases it from the {@link DriveAllocator} (the
 * previous one's lease ends) and has the robot swap them.
 */
@Singleton
class CartridgeChanger {

    private final DriveAllocator allocator;
    private final TapeMounter mounter;

    CartridgeChanger(DriveAllocator allocator, TapeMounter mounter) {
        this.allocator = allocator;
        this.mounter = mounter;
    }

    /** Loads {@code tapeId} into the run's (writing) drive. */
    void load(TapeRun run, long tapeId) throws IOException {
        if (tapeId == run.grant.tapeId()) {
            return;
        }
        if (allocator.switchTape(run.id(), run.grant.libraryId(), tapeId, null).isEmpty()) {
            throw new IOException("tape " + mounter.cartridge(tapeId).barcode() + " is in use by another run");
        }
        mountWriting(run, tapeId);
    }

    /** Loads the pool's next writable cartridge (none of {@code excluded}) into the writing drive. */
    void loadNextOfPool(TapeRun run, long poolId, String poolName, Collection<Long> excluded) throws IOException {
        long next = allocator.switchTape(run.id(), run.grant.libraryId(), null, poolId, excluded)
                .orElseThrow(() -> new TapeFullException("pool " + poolName + " has no writable tape with free space left"));
        mountWriting(run, next);
    }

    /** Loads {@code tapeId} into the run's reading drive. */
    void loadForReading(TapeRun run, long tapeId) throws IOException {
        if (run.readGrant == null) {
            throw new IOException("the run holds no reading drive");
        }
        if (tapeId == run.readGrant.tapeId()) {
            return;
        }
        TapeMounter.Cartridge tape = mounter.cartridge(tapeId);
        if (tape.libraryId() != run.readGrant.libraryId()) {
            throw new IOException("tape " + tape.barcode() + " is in another library than the reading drive");
        }
        if (allocator.switchReadTape(run.id(), run.readGrant.libraryId(), tapeId).isEmpty()) {
            throw new IOException("tape " + tape.barcode() + " is in use by another run, or is the tape this run writes");
        }
        run.readGrant = new DriveAllocator.Grant(run.readGrant.driveId(), run.readGrant.driveNumber(), run.readGrant.libraryId(), tapeId);
        run.readDevice = mounter.mount(run.readGrant);
    }

    private void mountWriting(TapeRun run, long tapeId) throws IOException {
        run.grant = new DriveAllocator.Grant(run.grant.driveId(), run.grant.driveNumber(), run.grant.libraryId(), tapeId);
        run.device = mounter.mount(run.grant);
    }
}
