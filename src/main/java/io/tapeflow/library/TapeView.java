package io.tapeflow.library;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A cartridge as the API shows it; {@code location} is "slot 12", "drive 0" or "io 21". */
@Serdeable
public record TapeView(long id, long tapeLibraryId, Long poolId, String barcode, String location, TapeType type,
                       boolean locked, boolean scratch, boolean cleaning, boolean writeProtect, boolean mounted,
                       boolean ejected, boolean lost, long mountCount, long free, long max, Instant dateIn,
                       Instant lastSizeUpdate) {

    public static TapeView of(Tape tape) {
        return new TapeView(tape.id(), tape.tapeLibraryId(), tape.poolId(), tape.barcode(),
                tape.locationKind() + " " + tape.locationNumber(), tape.type(), tape.locked(), tape.scratch(),
                tape.cleaning(), tape.writeProtect(), tape.mounted(), tape.ejected(), tape.lost(), tape.mountCount(),
                tape.free(), tape.max(), tape.dateIn(), tape.lastSizeUpdate());
    }
}
