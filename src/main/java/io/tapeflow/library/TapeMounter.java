package io.tapeflow.library;

import io.tapeflow.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.persistence.DbTime;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.ResultSet;

/**
 * Puts a leased cartridge into a granted drive and takes it out again, through the library's robot,
 * keeping the cartridge's and drive's rows in step with what the robot did.
 */
@Singleton
public class TapeMounter {

    private final JdbcOperations jdbc;
    private final LibraryDrivers drivers;

    public TapeMounter(JdbcOperations jdbc, LibraryDrivers drivers) {
        this.jdbc = jdbc;
        this.drivers = drivers;
    }

    /**
     * A cartridge's identity and place. {@code locationNumber} is what operators read ("io 1");
     * {@code element} is the robot's number for its slot (I/O slots come after the storage slots).
     */
    public record Cartridge(long id, long libraryId, String barcode, String locationKind, int locationNumber, long free,
                            long max, int fileCount, boolean writeProtect, int element) {
    }

    @Transactional
    public Cartridge cartridge(long tapeId) {
        return jdbc.prepareStatement("SELECT t.id, t.tape_library_id, t.barcode, t.location_kind, t.location_number, t.free, t.max, "
                + "t.file_count, t.write_protect, CASE WHEN t.location_kind = 'io' THEN l.storage_slots + t.location_number "
                + "ELSE t.location_number END FROM tape t JOIN tape_library l ON l.id = t.tape_library_id WHERE t.id = ?", statement -> {
            statement.setLong(1, tapeId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("tape " + tapeId + " no longer exists");
                }
                return new Cartridge(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getLong(6),
                        rs.getLong(7), rs.getInt(8), rs.getBoolean(9), rs.getInt(10));
            }
        });
    }

    /** Loads the cartridge into the drive (a cartridge left in it is put back first) and answers the drive's data path. */
    @Transactional
    public TapeDevice mount(DriveAllocator.Grant grant) throws IOException {
        DriveAllocator.lockLibrary(jdbc, grant.libraryId());
        LibraryDriver driver = drivers.driver(grant.libraryId());
        Cartridge tape = cartridge(grant.tapeId());
        synchronized (drivers.robot(grant.libraryId())) {
            if (tape.locationKind().equals("drive") && tape.locationNumber() == grant.driveNumber()) {
                return driver.drive(grant.driveNumber());
            }
            if (tape.locationKind().equals("drive")) {
                unload(grant.libraryId(), tape.locationNumber());
                tape = cartridge(grant.tapeId());
            }
            unload(grant.libraryId(), grant.driveNumber());
            final int element = tape.element();
            robotMove(() -> driver.load(element, grant.driveNumber()));
            moved(tape.barcode(), "drive", grant.driveNumber(), true);
            Sql.update(jdbc, "UPDATE tape_drive SET barcode = ?, mount_count = mount_count + 1, modification_date = ? WHERE id = ?",
                    tape.barcode(), DbTime.now(), grant.driveId());
            return driver.drive(grant.driveNumber());
        }
    }

    /** Puts whatever the drive holds back into the slot it came from (or the first empty one). */
    @Transactional
    public void unload(long libraryId, int driveNumber) throws IOException {
        DriveAllocator.lockLibrary(jdbc, libraryId);
        LibraryDriver driver = drivers.driver(libraryId);
        synchronized (drivers.robot(libraryId)) {
            Inventory inventory = robot(driver::inventory);
            Inventory.Drive drive = inventory.drives().stream().filter(d -> d.number() == driveNumber).findFirst()
                    .orElseThrow(() -> new IOException("library " + libraryId + " has no drive " + driveNumber));
            if (!drive.full()) {
                return;
            }
            int slot = drive.sourceSlot() != null && inventory.slots().stream().anyMatch(s -> s.number() == drive.sourceSlot() && !s.full())
                    ? drive.sourceSlot()
                    : inventory.slots().stream().filter(s -> !s.full() && !s.importExport()).findFirst()
                    .orElseThrow(() -> new IOException("library " + libraryId + " has no empty slot to unload drive " + driveNumber)).number();
            robotMove(() -> driver.unload(driveNumber, slot));
            if (drive.barcode() != null) {
                moved(drive.barcode(), "slot", slot, false);
            }
            Sql.update(jdbc, "UPDATE tape_drive SET barcode = NULL, modification_date = ? WHERE tape_library_id = ? AND number = ?",
                    DbTime.now(), libraryId, driveNumber);
        }
    }

    /** Moves a cartridge to the first free I/O slot (ejection); false when they are all full. */
    @Transactional
    public boolean eject(Cartridge tape) throws IOException {
        DriveAllocator.lockLibrary(jdbc, tape.libraryId());
        LibraryDriver driver = drivers.driver(tape.libraryId());
        synchronized (drivers.robot(tape.libraryId())) {
            if (tape.locationKind().equals("drive")) {
                unload(tape.libraryId(), tape.locationNumber());
                tape = cartridge(tape.id());
            }
            Inventory inventory = robot(driver::inventory);
            Inventory.Slot io = inventory.slots().stream().filter(s -> s.importExport() && !s.full()).findFirst().orElse(null);
            if (io == null) {
                return false;
            }
            final int element = tape.element();
            robotMove(() -> driver.transfer(element, io.number()));
            // I/O slots are shown numbered from 1 ("io 1"), as operators label them, not by element number.
            long storageSlots = inventory.slots().stream().filter(s -> !s.importExport()).count();
            Sql.update(jdbc, "UPDATE tape SET location_kind = 'io', location_number = ?, ejected = TRUE, mounted = FALSE, modification_date = ? WHERE id = ?",
                    io.number() - storageSlots, DbTime.now(), tape.id());
            return true;
        }
    }

    private interface RobotCall<T> {
        T call() throws IOException;
    }

    private interface RobotMove {
        void run() throws IOException;
    }

    /** A driver call: whatever it throws is the hardware's failure (a {@link DriveFailure}), not the cartridge's. */
    private static <T> T robot(RobotCall<T> call) throws DriveFailure {
        try {
            return call.call();
        } catch (DriveFailure e) {
            throw e;
        } catch (IOException e) {
            throw new DriveFailure(e.getMessage(), e);
        }
    }

    private static void robotMove(RobotMove move) throws DriveFailure {
        robot(() -> {
            move.run();
            return null;
        });
    }

    private void moved(String barcode, String kind, int number, boolean mounted) {
        Sql.update(jdbc, "UPDATE tape SET location_kind = ?, location_number = ?, mounted = ?, mount_count = mount_count + ?, modification_date = ? "
                + "WHERE barcode = ?", kind, number, mounted, mounted ? 1 : 0, DbTime.now(), barcode);
    }
}
