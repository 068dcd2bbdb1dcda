package io.tapeflow.library;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.UniqueName;
import io.tapeflow.audit.AuditLog;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.IdOrName;
import io.tapeflow.library.virtual.Barcodes;
import io.tapeflow.library.virtual.VirtualLibrary;
import io.tapeflow.list.Attribute;
import io.tapeflow.list.ListExecutor;
import io.tapeflow.list.ListPage;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListSchema;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.persistence.DbTime;
import io.tapeflow.security.Caller;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Tape libraries with their drives and cartridges. Creating a library creates its drives, and for a
 * virtual library its cartridges and directory, in one transaction.
 */
@Singleton
public class TapeLibraryService {

    static final ListSchema SCHEMA = ListSchema.of("tape_libraries", "tape_library", List.of(
            Attribute.integer("id", "id"),
            Attribute.text("name", "name"),
            Attribute.text("comment", "comment"),
            Attribute.enumeration("protocol", "protocol", LibraryProtocol.class),
            Attribute.text("device", "device"),
            Attribute.text("serial", "serial"),
            Attribute.text("vendor", "vendor"),
            Attribute.text("product", "product"),
            Attribute.integer("storage_slots", "storage_slots"),
            Attribute.integer("io_slots", "io_slots"),
            Attribute.enumeration("status", "status", DeviceStatus.class),
            Attribute.instant("creation_date", "creation_date"),
            Attribute.instant("modification_date", "modification_date"),
            Attribute.text("creation_username", "creation_username"),
            Attribute.text("modification_username", "modification_username")));

    static final int DEFAULT_DRIVES = 2;
    static final int DEFAULT_STORAGE_SLOTS = 20;
    static final int DEFAULT_IO_SLOTS = 2;
    static final int DEFAULT_CARTRIDGES = 10;
    static final String DEFAULT_BARCODE_PREFIX = "TF";
    static final TapeType VIRTUAL_TAPE_TYPE = TapeType.data_lto9;

    private final TapeLibraryRepository libraries;
    private final TapeDriveRepository drives;
    private final TapeRepository tapes;
    private final ListExecutor lists;
    private final JdbcOperations jdbc;
    private final LibraryConfiguration configuration;
    private final Path dataDir;
    private final LibraryDrivers drivers;
    private final AuditLog audit;

    public TapeLibraryService(TapeLibraryRepository libraries, TapeDriveRepository drives, TapeRepository tapes,
                              ListExecutor lists, JdbcOperations jdbc,
                              LibraryConfiguration configuration, @Value("${tapeflow.data-dir}") String dataDir,
                              LibraryDrivers drivers, AuditLog audit) {
        this.audit = audit;
        this.drivers = drivers;
        this.libraries = libraries;
        this.drives = drives;
        this.tapes = tapes;
        this.lists = lists;
        this.jdbc = jdbc;
        this.configuration = configuration;
        this.dataDir = Path.of(dataDir).toAbsolutePath().normalize();
    }

    public ListPage<TapeLibrary> list(ListQuery query) {
        return lists.fetch(SCHEMA, "*", query, SqlFragment.TRUE, TapeLibrary.class);
    }

    /** @throws ApiException 404 when no library has this id or name, 409 when several do */
    public TapeLibrary find(String idOrName) {
        return find(IdOrName.resolve("tape library", idOrName, libraries::findIdByName, libraries::existsById));
    }

    public TapeLibrary find(long id) {
        return libraries.findById(id).orElseThrow(() -> ApiException.notFound("tape library", String.valueOf(id)));
    }

    public long count() {
        return libraries.count();
    }

    /** Creates a library with its drives, and a virtual library's cartridges and directory. */
    @Transactional
    public TapeLibrary create(TapeLibraryRequest request, FieldErrors errors, Caller caller) {
        UniqueName.checkFree(request.name(), null, libraries::findIdByName, errors);
        boolean virtual = request.effectiveProtocol() == LibraryProtocol.virtual;
        int storageSlots = Objects.requireNonNullElse(request.storageSlots(), virtual ? DEFAULT_STORAGE_SLOTS : 0);
        int ioSlots = Objects.requireNonNullElse(request.ioSlots(), virtual ? DEFAULT_IO_SLOTS : 0);
        String device = virtual && request.device() == null && request.name() != null
                ? dataDir.resolve("libraries").resolve(request.name()).toString() : request.device();
        List<String> barcodes = List.of();
        if (virtual && device != null) {
            checkDirectoryFree(Path.of(device), errors);
        }
        if (virtual) {
            int cartridges = Objects.requireNonNullElse(request.cartridges(), DEFAULT_CARTRIDGES);
            if (cartridges > storageSlots) {
                errors.add("cartridges", "less_than_or_equal_to", storageSlots, "cartridges must be less than or equal to storage_slots (" + storageSlots + ")");
            }
            barcodes = barcodes(Objects.requireNonNullElse(request.barcodePrefix(), DEFAULT_BARCODE_PREFIX), cartridges, errors);
        }
        errors.throwIfAny();
        Instant now = DbTime.now();
        TapeLibrary library = UniqueName.write(() -> libraries.save(new TapeLibrary(null, request.name(), request.comment(),
                request.effectiveProtocol(), device, request.serial(), request.vendor(), request.product(), storageSlots,
                ioSlots, Objects.requireNonNullElse(request.status(), DeviceStatus.online), now, now, caller.username(),
                caller.username())));
        audit.created("tape_libraries", library);
        if (virtual) {
            createVirtual(library, Objects.requireNonNullElse(request.drives(), DEFAULT_DRIVES), barcodes,
                    Objects.requireNonNullElse(request.cartridgeCapacity(), configuration.virtualCapacity()), now);
        } else {
            List<String> devices = request.driveDevices();
            drives.saveAll(IntStream.range(0, devices.size()).mapToObj(i -> TapeDrive.of(library.id(), i, devices.get(i), now)).toList());
        }
        return library;
    }

    // The directory is made last: a failure before it leaves nothing behind, a failure in it rolls the rows back.
    private void createVirtual(TapeLibrary library, int driveCount, List<String> barcodes, long capacity, Instant now) {
        drives.saveAll(IntStream.range(0, driveCount).mapToObj(i -> TapeDrive.of(library.id(), i, null, now)).toList());
        tapes.saveAll(IntStream.range(0, barcodes.size()).mapToObj(i -> Tape.blank(library.id(), barcodes.get(i),
                LocationKind.slot, i + 1, VIRTUAL_TAPE_TYPE, capacity, now)).toList());
        try {
            VirtualLibrary.create(Path.of(library.device()), driveCount, library.storageSlots(), library.ioSlots(),
                    barcodes, capacity, VIRTUAL_TAPE_TYPE.name());
        } catch (IOException e) {
            throw ApiException.invalid("device", "invalid", "could not create the library directory " + library.device() + ": " + e.getMessage());
        }
    }

    private static void checkDirectoryFree(Path directory, FieldErrors errors) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                errors.add("device", "taken", "device " + directory + " is not empty: a virtual library needs a new directory");
            }
        } catch (IOException e) {
            errors.add("device", "invalid", "device " + directory + " is not a directory Tapeflow can use: " + e.getMessage());
        }
    }

    /** TF0001L9, TF0002L9, ...: LTO-9 labels; any of them already in use makes the prefix taken. */
    private List<String> barcodes(String prefix, int count, FieldErrors errors) {
        List<String> barcodes = Barcodes.barcodes(prefix, count);
        Set<String> used = new HashSet<>(jdbc.prepareStatement("SELECT barcode FROM tape WHERE barcode LIKE ?", statement -> {
            statement.setString(1, prefix + "____L9");
            List<String> found = new ArrayList<>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }));
        barcodes.stream().filter(used::contains).findFirst().ifPresent(barcode -> errors.add("barcode_prefix", "taken",
                "barcode " + barcode + " is already in use: choose another barcode_prefix"));
        return barcodes;
    }

    /** Applies the fields the request carries; the others keep their values. */
    @Transactional
    public TapeLibrary update(TapeLibrary library, TapeLibraryRequest request, FieldErrors errors, Caller caller) {
        UniqueName.checkFree(request.name(), library.id(), libraries::findIdByName, errors);
        errors.throwIfAny();
        UniqueName.write(() -> {
            libraries.update(library.id(), Objects.requireNonNullElse(request.name(), library.name()),
                    request.comment() == null ? library.comment() : request.comment(),
                    Objects.requireNonNullElse(request.device(), library.device()),
                    request.serial() == null ? library.serial() : request.serial(),
                    request.vendor() == null ? library.vendor() : request.vendor(),
                    request.product() == null ? library.product() : request.product(),
                    Objects.requireNonNullElse(request.status(), library.status()), DbTime.now(), caller.username());
            return null;
        });
        TapeLibrary updated = find(library.id());
        audit.updated("tape_libraries", library, updated);
        return updated;
    }

    /**
     * Forgets the library with its drives and cartridges; a virtual library's directory stays on disk.
     *
     * @throws ApiException 409 while the catalog has data on its cartridges or a run holds one of its drives
     */
    @Transactional
    public void delete(TapeLibrary library) {
        if (exists("SELECT 1 FROM catalog_copy c JOIN tape t ON t.id = c.tape_id WHERE t.tape_library_id = ?", library.id())) {
            throw ApiException.conflict("tape library " + library.name() + " has cartridges holding catalogued data;"
                    + " move or erase that data first");
        }
        if (exists("SELECT 1 FROM tape_drive WHERE tape_library_id = ? AND execution_id IS NOT NULL", library.id())) {
            throw ApiException.conflict("tape library " + library.name() + " has a drive in use by a run");
        }
        libraries.delete(library);
        audit.destroyed("tape_libraries", library);
    }

    /**
     * Reads where the robot has every cartridge now and brings the rows in line (after an operator
     * loaded cartridges into the I/O slots, or moved them by hand). The library's lock is held from the
     * robot's answer to the last row, so no mount or ejection moves a cartridge in between.
     */
    @Transactional
    public InventoryChanges inventory(TapeLibrary library) {
        DriveAllocator.lockLibrary(jdbc, library.id());
        Inventory inventory;
        synchronized (drivers.robot(library.id())) {
            try {
                inventory = drivers.driver(library.id()).inventory();
            } catch (IOException | java.io.UncheckedIOException e) {
                throw ApiException.conflict("tape library " + library.name() + " did not report its inventory: " + e.getMessage());
            }
        }
        InventoryChanges changes = syncInventory(library.id(), inventory);
        audit.acted("tape_libraries", library.id(), "inventory", changes);
        return changes;
    }

    /**
     * Brings the cartridges' rows in line with what the library's robot reports: a cartridge it does not
     * know yet is added (type and capacity from its label), a known one is moved to where it is now
     * (from another library, too), and this library's cartridges it no longer holds are marked ejected.
     */
    @Transactional
    public InventoryChanges syncInventory(long libraryId, Inventory inventory) {
        DriveAllocator.lockLibrary(jdbc, libraryId);
        TapeLibrary library = find(libraryId);
        Instant now = DbTime.now();
        InventoryChanges changes = new InventoryChanges(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Map<String, Tape> absent = new HashMap<>();
        tapes.findByTapeLibraryId(libraryId).forEach(tape -> absent.put(tape.barcode(), tape));
        for (Inventory.Slot slot : inventory.slots()) {
            if (slot.barcode() != null) {
                // I/O slots are numbered from 1 as operators label them ("io 1"); the robot numbers them after the storage slots.
                place(libraryId, slot.barcode(), slot.importExport() ? LocationKind.io : LocationKind.slot,
                        slot.importExport() ? slot.number() - library.storageSlots() : slot.number(), now, changes);
                absent.remove(slot.barcode());
            }
        }
        for (Inventory.Drive drive : inventory.drives()) {
            if (drive.barcode() != null) {
                place(libraryId, drive.barcode(), LocationKind.drive, drive.number(), now, changes);
                absent.remove(drive.barcode());
            }
            jdbc.prepareStatement("UPDATE tape_drive SET barcode = ? WHERE tape_library_id = ? AND number = ?", statement -> {
                statement.setString(1, drive.barcode());
                statement.setLong(2, libraryId);
                statement.setInt(3, drive.number());
                return statement.executeUpdate();
            });
        }
        absent.values().stream().filter(tape -> !tape.ejected()).forEach(tape -> {
            tapes.updateEjected(tape.id(), true, now);
            changes.ejected().add(tape.barcode());
        });
        return changes;
    }

    private void place(long libraryId, String barcode, LocationKind kind, int number, Instant now, InventoryChanges changes) {
        tapes.findByBarcode(barcode).ifPresentOrElse(
                tape -> {
                    if (tape.tapeLibraryId() != libraryId || tape.locationKind() != kind || tape.locationNumber() != number || tape.ejected()) {
                        tapes.update(tape.id(), libraryId, kind, number, kind == LocationKind.drive, false, now);
                        changes.moved().add(barcode);
                    }
                },
                () -> {
                    TapeType type = LtoLabels.type(barcode);
                    tapes.save(Tape.blank(libraryId, barcode, kind, number, type, LtoLabels.nativeCapacity(type), now));
                    changes.added().add(barcode);
                });
    }

    private boolean exists(String sql, long id) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setLong(1, id);
            try (var rs = statement.executeQuery()) {
                return rs.next();
            }
        });
    }
}
