package io.tapeflow.library.scsi;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The robot of one library, driven by {@code mtx -f <changer device>}. Arguments are passed as mtx takes
 * them (slots from 1, drives from 0; {@code unload} names the slot first); each call runs one mtx process.
 */
public final class MtxChanger {

    private final String mtx;
    private final String device;
    private final CommandRunner runner;

    /**
     * @param mtxCommand the mtx executable: a name looked up on the PATH ({@code mtx}) or an absolute path
     * @param changerDevice the changer's SCSI generic device, e.g. {@code /dev/sg3}
     * @param timeout how long one robot command may take (a move can take minutes on a large library)
     */
    public MtxChanger(String mtxCommand, String changerDevice, Duration timeout) {
        this.mtx = mtxCommand;
        this.device = changerDevice;
        this.runner = new CommandRunner(timeout);
    }

    /** The raw {@code mtx status} output, for {@link MtxStatusParser}. */
    public String status() throws IOException {
        return mtx("status");
    }

    public void load(int slot, int drive) throws IOException {
        mtx("load", slot, drive);
    }

    public void unload(int slot, int drive) throws IOException {
        mtx("unload", slot, drive);
    }

    public void transfer(int fromSlot, int toSlot) throws IOException {
        mtx("transfer", fromSlot, toSlot);
    }

    private String mtx(String command, int... numbers) throws IOException {
        List<String> line = new ArrayList<>(List.of(mtx, "-f", device, command));
        for (int n : numbers) {
            line.add(Integer.toString(n));
        }
        return runner.run(line);
    }
}
