package io.tapeflow.library;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.tapeflow.library.scsi.ScsiCommands;
import io.tapeflow.library.scsi.ScsiLibrary;
import io.tapeflow.library.virtual.VirtualLibrary;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One driver per library and node, opened on first use from the library's row: drive positions are
 * kept in the driver, so every run on this node must go through the same instance.
 */
@Singleton
public class LibraryDrivers {

    private final JdbcOperations jdbc;
    private final Map<Long, LibraryDriver> drivers = new ConcurrentHashMap<>();

    public LibraryDrivers(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @io.micronaut.transaction.annotation.ReadOnly
    public LibraryDriver driver(long libraryId) {
        return drivers.computeIfAbsent(libraryId, this::open);
    }

    /** The robot moves of one library on this node, one at a time (its robot has one arm). */
    public Object robot(long libraryId) {
        return driver(libraryId);
    }

    private LibraryDriver open(long libraryId) {
        String[] row = jdbc.prepareStatement("SELECT protocol, device FROM tape_library WHERE id = ?", statement -> {
            statement.setLong(1, libraryId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("tape library " + libraryId + " does not exist");
                }
                return new String[]{rs.getString(1), rs.getString(2)};
            }
        });
        try {
            if ("virtual".equals(row[0])) {
                return VirtualLibrary.open(Path.of(row[1]));
            }
            if ("scsi".equals(row[0])) {
                List<Path> drives = jdbc.prepareStatement("SELECT device FROM tape_drive WHERE tape_library_id = ? ORDER BY number", statement -> {
                    statement.setLong(1, libraryId);
                    List<Path> devices = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            devices.add(Path.of(rs.getString(1)));
                        }
                    }
                    return devices;
                });
                return ScsiLibrary.create(row[1], drives, ScsiCommands.defaults());
            }
            throw new IllegalStateException("tape library " + libraryId + ": protocol " + row[0] + " has no driver");
        } catch (IOException e) {
            throw new UncheckedIOException("tape library " + libraryId + " cannot be opened at " + row[1] + ": " + e.getMessage(), e);
        }
    }
}
