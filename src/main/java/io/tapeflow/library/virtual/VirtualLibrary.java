package io.tapeflow.library.virtual;

import io.tapeflow.library.Inventory;
import io.tapeflow.library.LibraryDriver;
import io.tapeflow.library.TapeDevice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.tapeflow.transfer.Directories;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A tape library simulated in a directory: the embedded default and what tests use.
 *
 * <p>Layout: {@code library.properties}; {@code slots/<n>/<BARCODE>/} for storage slots 1..s,
 * {@code io/<n>/<BARCODE>/} for I/O slots s+1..s+i (numbered like {@code mtx}, after the storage slots) and
 * {@code drives/<n>/<BARCODE>/} for drives 0..d-1. A cartridge is a directory moved by atomic rename, so where it is
 * lives on disk, survives restarts and is shared by two processes using the same directory. Only each drive's head
 * position is kept in memory.
 */
public final class VirtualLibrary implements LibraryDriver {

    private static final String PROPERTIES = "library.properties";
    private static final String SOURCE_SLOT = ".source-slot";

    private final Path dir;
    private final int drives;
    private final int storageSlots;
    private final int ioSlots;
    private final List<VirtualTapeDevice> devices = new ArrayList<>();
    private volatile LibrarySettings settings;

    private VirtualLibrary(Path dir, int drives, int storageSlots, int ioSlots, LibrarySettings settings) {
        this.dir = dir;
        this.drives = drives;
        this.storageSlots = storageSlots;
        this.ioSlots = ioSlots;
        this.settings = settings;
        for (int i = 0; i < drives; i++) {
            devices.add(new VirtualTapeDevice(this, i));
        }
    }

    /**
     * Creates a library in {@code dir} (created if missing) with the given cartridges in the first storage slots.
     *
     * @throws IOException when {@code dir} already holds a library
     */
    public static VirtualLibrary create(Path dir, int drives, int storageSlots, int ioSlots, List<String> barcodes,
                                        long capacityBytes, String type) throws IOException {
        if (drives < 1 || storageSlots < 1 || ioSlots < 0) {
            throw new IllegalArgumentException("a library needs at least one drive and one storage slot, was "
                    + drives + " drives, " + storageSlots + " storage slots, " + ioSlots + " I/O slots");
        }
        if (barcodes.size() > storageSlots) {
            throw new IllegalArgumentException(barcodes.size() + " cartridges do not fit in " + storageSlots + " slots");
        }
        if (barcodes.stream().distinct().count() != barcodes.size()) {
            throw new IllegalArgumentException("barcodes must be unique: " + barcodes);
        }
        if (Files.exists(dir.resolve(PROPERTIES))) {
            throw new IOException(dir + " already holds a virtual library");
        }
        VirtualLibrary library = new VirtualLibrary(dir, drives, storageSlots, ioSlots, LibrarySettings.FAST);
        for (int slot = 1; slot <= storageSlots + ioSlots; slot++) {
            Files.createDirectories(library.slotDir(slot));
        }
        for (int drive = 0; drive < drives; drive++) {
            Files.createDirectories(library.driveDir(drive));
        }
        for (int i = 0; i < barcodes.size(); i++) {
            Cartridge.create(library.slotDir(i + 1).resolve(barcodes.get(i)), barcodes.get(i), type, capacityBytes);
        }
        library.writeProperties();
        return library;
    }

    /** Opens the library a {@link #create} made in {@code dir}, wherever its cartridges are now. */
    public static VirtualLibrary open(Path dir) throws IOException {
        Path file = dir.resolve(PROPERTIES);
        if (!Files.exists(file)) {
            throw new IOException(dir + " holds no virtual library (no " + PROPERTIES + ")");
        }
        Properties p = PropertiesFiles.read(file);
        LibrarySettings settings = new LibrarySettings(PropertiesFiles.longValue(p, "load_delay_ms", file),
                PropertiesFiles.longValue(p, "seek_delay_ms", file),
                PropertiesFiles.longValue(p, "bandwidth_bytes_per_second", file));
        return new VirtualLibrary(dir, (int) PropertiesFiles.longValue(p, "drives", file),
                (int) PropertiesFiles.longValue(p, "storage_slots", file),
                (int) PropertiesFiles.longValue(p, "io_slots", file), settings);
    }

    public Path directory() {
        return dir;
    }

    public LibrarySettings settings() {
        return settings;
    }

    /** Changes the delays and bandwidth cap, persisted in {@code library.properties} for later {@link #open}s. */
    public void settings(LibrarySettings settings) throws IOException {
        this.settings = settings;
        writeProperties();
    }

    @Override
    public Inventory inventory() throws IOException {
        List<Inventory.Drive> driveList = new ArrayList<>();
        for (int drive = 0; drive < drives; drive++) {
            Path cartridge = cartridgeDirIn(driveDir(drive));
            driveList.add(new Inventory.Drive(drive, cartridge != null,
                    cartridge == null ? null : cartridge.getFileName().toString(),
                    cartridge == null ? null : sourceSlot(drive)));
        }
        List<Inventory.Slot> slotList = new ArrayList<>();
        for (int slot = 1; slot <= storageSlots + ioSlots; slot++) {
            Path cartridge = cartridgeDirIn(slotDir(slot));
            slotList.add(new Inventory.Slot(slot, slot > storageSlots, cartridge != null,
                    cartridge == null ? null : cartridge.getFileName().toString()));
        }
        return new Inventory(driveList, slotList);
    }

    @Override
    public void load(int slot, int drive) throws IOException {
        Path from = occupied(slotDir(checkSlot(slot)), "slot " + slot);
        Path driveDir = driveDir(checkDrive(drive));
        refuseOccupied(driveDir, "drive " + drive);
        Pause.sleep(settings.loadDelayMillis(), "loading drive " + drive);
        moveCartridge(from, driveDir);
        Files.writeString(driveDir.resolve(SOURCE_SLOT), Integer.toString(slot), StandardCharsets.UTF_8);
        devices.get(drive).ejected();
    }

    @Override
    public void unload(int drive, int slot) throws IOException {
        Path driveDir = driveDir(checkDrive(drive));
        devices.get(drive).requireIdle();
        Path from = occupied(driveDir, "drive " + drive);
        Path slotDir = slotDir(checkSlot(slot));
        refuseOccupied(slotDir, "slot " + slot);
        Pause.sleep(settings.loadDelayMillis(), "unloading drive " + drive);
        moveCartridge(from, slotDir);
        Files.deleteIfExists(driveDir.resolve(SOURCE_SLOT));
        devices.get(drive).ejected();
    }

    @Override
    public void transfer(int fromSlot, int toSlot) throws IOException {
        Path from = occupied(slotDir(checkSlot(fromSlot)), "slot " + fromSlot);
        Path target = slotDir(checkSlot(toSlot));
        refuseOccupied(target, "slot " + toSlot);
        Pause.sleep(settings.loadDelayMillis(), "moving slot " + fromSlot + " to slot " + toSlot);
        moveCartridge(from, target);
    }

    @Override
    public TapeDevice drive(int drive) {
        return devices.get(checkDrive(drive));
    }

    /** Sets or clears a cartridge's write-protect tab, wherever it is. */
    public void setWriteProtect(String barcode, boolean writeProtected) throws IOException {
        cartridge(barcode).setWriteProtected(writeProtected);
    }

    /** Where a cartridge's images are now (tests use it to damage one); moves with the cartridge. */
    public Path cartridgeDirectory(String barcode) throws IOException {
        return cartridge(barcode).dir();
    }

    /** Bytes taken by the cartridge's complete tape files. */
    public long used(String barcode) throws IOException {
        return cartridge(barcode).used();
    }

    /** Bytes still writable at end of data. */
    public long free(String barcode) throws IOException {
        Cartridge cartridge = cartridge(barcode);
        return cartridge.capacity() - cartridge.used();
    }

    /** The cartridge in {@code drive} as it is on disk now, or {@code null} when the drive is empty. */
    Cartridge cartridgeInDrive(int drive) throws IOException {
        Path cartridge = cartridgeDirIn(driveDir(drive));
        return cartridge == null ? null : Cartridge.at(cartridge);
    }

    private Cartridge cartridge(String barcode) throws IOException {
        Path found = findCartridge(barcode);
        if (found == null) {
            throw new IOException("no cartridge " + barcode + " in library " + dir);
        }
        return Cartridge.at(found);
    }

    private Path findCartridge(String barcode) {
        List<Path> places = new ArrayList<>();
        for (int slot = 1; slot <= storageSlots + ioSlots; slot++) {
            places.add(slotDir(slot));
        }
        for (int drive = 0; drive < drives; drive++) {
            places.add(driveDir(drive));
        }
        return places.stream().map(place -> place.resolve(barcode)).filter(Files::isDirectory).findFirst().orElse(null);
    }

    private Path slotDir(int slot) {
        return slot <= storageSlots ? dir.resolve("slots").resolve(Integer.toString(slot))
                : dir.resolve("io").resolve(Integer.toString(slot));
    }

    private Path driveDir(int drive) {
        return dir.resolve("drives").resolve(Integer.toString(drive));
    }

    private static Path cartridgeDirIn(Path place) throws IOException {
        try (Stream<Path> entries = Files.list(place)) {
            return entries.filter(Files::isDirectory).findFirst().orElse(null);
        }
    }

    private static Path occupied(Path place, String name) throws IOException {
        Path cartridge = cartridgeDirIn(place);
        if (cartridge == null) {
            throw new IOException(name + " is empty");
        }
        return cartridge;
    }

    /** The robot's move: one rename, flushed on both sides so the cartridge is found where the database says after a crash. */
    private static void moveCartridge(Path cartridge, Path place) throws IOException {
        Files.move(cartridge, place.resolve(cartridge.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        Directories.fsync(cartridge.getParent());
        Directories.fsync(place);
    }

    private static void refuseOccupied(Path place, String name) throws IOException {
        Path cartridge = cartridgeDirIn(place);
        if (cartridge != null) {
            throw new IOException(name + " already holds " + cartridge.getFileName());
        }
    }

    private Integer sourceSlot(int drive) throws IOException {
        Path file = driveDir(drive).resolve(SOURCE_SLOT);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Integer.valueOf(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private int checkSlot(int slot) {
        if (slot < 1 || slot > storageSlots + ioSlots) {
            throw new IllegalArgumentException("no slot " + slot + ": slots are 1.." + (storageSlots + ioSlots));
        }
        return slot;
    }

    private int checkDrive(int drive) {
        if (drive < 0 || drive >= drives) {
            throw new IllegalArgumentException("no drive " + drive + ": drives are 0.." + (drives - 1));
        }
        return drive;
    }

    private void writeProperties() throws IOException {
        Properties p = new Properties();
        p.setProperty("drives", Integer.toString(drives));
        p.setProperty("storage_slots", Integer.toString(storageSlots));
        p.setProperty("io_slots", Integer.toString(ioSlots));
        p.setProperty("load_delay_ms", Long.toString(settings.loadDelayMillis()));
        p.setProperty("seek_delay_ms", Long.toString(settings.seekDelayMillis()));
        p.setProperty("bandwidth_bytes_per_second", Long.toString(settings.bandwidthBytesPerSecond()));
        Files.createDirectories(dir);
        PropertiesFiles.write(dir.resolve(PROPERTIES), p, "Tapeflow virtual tape library");
    }
}
