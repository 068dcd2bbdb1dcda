package io.tapeflow.library;

import java.io.IOException;

/**
 * One tape library as a driver sees it: a robot that moves cartridges between slots and drives, and the
 * data path of each drive. The {@code virtual} driver (directories on disk) and the {@code scsi} driver
 * ({@code mtx}/{@code mt} and the nst device files) both implement it; nothing above can tell them apart.
 *
 * <p>Element numbers follow {@code mtx}: drives are numbered from 0; slots from 1, storage slots first,
 * then the import/export (I/O) slots. Calls that move media are not thread-safe per library: the
 * caller serialises them (one robot).
 */
public interface LibraryDriver {

    /** Where every cartridge is now, read from the robot (not from Tapeflow's database). */
    Inventory inventory() throws IOException;

    /** Moves the cartridge in {@code slot} into {@code drive}. */
    void load(int slot, int drive) throws IOException;

    /** Moves the cartridge in {@code drive} back to {@code slot} (rewinding and ejecting it first). */
    void unload(int drive, int slot) throws IOException;

    /** Moves a cartridge from one slot to another (storage ↔ I/O slot, to eject or import). */
    void transfer(int fromSlot, int toSlot) throws IOException;

    /** The data path of one drive; valid while the library is. */
    TapeDevice drive(int drive);
}
