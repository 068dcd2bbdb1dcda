package io.tapeflow.library.scsi;

import io.tapeflow.library.Inventory;
import io.tapeflow.library.LibraryDriver;
import io.tapeflow.library.TapeDevice;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A real library: its robot through {@link MtxChanger}, each drive through an {@link MtDrive}. */
public final class ScsiLibrary implements LibraryDriver {

    private final MtxChanger changer;
    private final List<MtDrive> drives;
    private final MtxStatusParser parser = new MtxStatusParser();

    /** {@code drives} in mtx element order: index 0 is Data Transfer Element 0. */
    public ScsiLibrary(MtxChanger changer, List<MtDrive> drives) {
        this.changer = changer;
        this.drives = List.copyOf(drives);
    }

    /**
     * @param changerDevice the changer's SCSI generic device, e.g. {@code /dev/sg3}
     * @param driveDevices the drives' non-rewinding devices in mtx element order, e.g. {@code /dev/nst0}
     */
    public static ScsiLibrary create(String changerDevice, List<Path> driveDevices, ScsiCommands commands) {
        MtxChanger changer = new MtxChanger(commands.mtx(), changerDevice, commands.timeout());
        List<MtDrive> drives = driveDevices.stream()
                .map(device -> new MtDrive(commands.mt(), device, commands.timeout()))
                .toList();
        return new ScsiLibrary(changer, drives);
    }

    @Override
    public Inventory inventory() throws IOException {
        return parser.parse(changer.status());
    }

    @Override
    public void load(int slot, int drive) throws IOException {
        mtDrive(drive);
        changer.load(slot, drive);
    }

    // why: most libraries refuse to take a threaded cartridge ("Drive needs offline before move"), so the
    // drive rewinds and ejects it first
    @Override
    public void unload(int drive, int slot) throws IOException {
        mtDrive(drive).eject();
        changer.unload(slot, drive);
    }

    @Override
    public void transfer(int fromSlot, int toSlot) throws IOException {
        changer.transfer(fromSlot, toSlot);
    }

    @Override
    public TapeDevice drive(int drive) {
        return mtDrive(drive);
    }

    private MtDrive mtDrive(int drive) {
        if (drive < 0 || drive >= drives.size()) {
            throw new IllegalArgumentException("no drive " + drive + " (this library has " + drives.size()
                    + " configured drive devices)");
        }
        return drives.get(drive);
    }
}
