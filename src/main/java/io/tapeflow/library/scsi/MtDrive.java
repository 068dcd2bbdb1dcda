package io.tapeflow.library.scsi;

import io.tapeflow.library.TapeDevice;
import io.tapeflow.library.WriteProtectedException;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One tape drive on Linux: positioned with {@code mt -f <nst device>} (the mt-st tool), read and written
 * through the non-rewinding device file itself, in variable-block mode.
 *
 * <p>The st driver lets one process hold the device at a time, so no {@code mt} command runs while a
 * stream is open: positioning then throws {@link IllegalStateException}.
 */
public final class MtDrive implements TapeDevice {

    /** The read buffer: Tapeflow writes 1 MiB blocks, and a variable-mode read needs a whole block. */
    static final int READ_BUFFER_SIZE = 1 << 20;

    private final String mt;
    private final Path device;
    private final CommandRunner runner;
    private boolean streamOpen;

    /**
     * @param mtCommand the mt executable: a name looked up on the PATH ({@code mt}) or an absolute path
     * @param device the drive's non-rewinding device, e.g. {@code /dev/nst0}
     * @param timeout how long one mt command may take (a locate to end of data can take minutes)
     */
    public MtDrive(String mtCommand, Path device, Duration timeout) {
        this.mt = mtCommand;
        this.device = device;
        this.runner = new CommandRunner(timeout);
    }

    public Path device() {
        return device;
    }

    @Override
    public DriveStatus status() throws IOException {
        return MtStatusParser.parse(mt("status"));
    }

    @Override
    public void rewind() throws IOException {
        mt("rewind");
    }

    @Override
    public void seekFile(int fileNumber) throws IOException {
        if (fileNumber < 0) {
            throw new IllegalArgumentException("tape file number must be >= 0: " + fileNumber);
        }
        // why: rewind + fsf counts from a known origin; a relative fsf/bsf from wherever we are drifts
        mt("rewind");
        if (fileNumber > 0) {
            mt("fsf", Integer.toString(fileNumber));
        }
    }

    @Override
    public int seekEndOfData() throws IOException {
        mt("eod");
        int fileNumber = status().fileNumber();
        if (fileNumber < 0) {
            throw new IOException(device + ": position unknown after `mt eod`");
        }
        return fileNumber;
    }

    /** Takes the cartridge out of the drive ({@code mt offline}: rewind and unload), so the robot can grip it. */
    public void eject() throws IOException {
        mt("offline");
    }

    @Override
    public InputStream openRead() throws IOException {
        prepareStream();
        InputStream in = new FileInputStream(device.toFile());
        streamOpen = true;
        return new TapeFileInputStream(in, READ_BUFFER_SIZE, this::readClosed);
    }

    @Override
    public OutputStream openWrite(int blockSize) throws IOException {
        if (blockSize <= 0) {
            throw new IllegalArgumentException("block size must be positive: " + blockSize);
        }
        prepareStream();
        if (status().writeProtected()) {
            throw new WriteProtectedException(device + ": cartridge is write-protected (WR_PROT)");
        }
        OutputStream out = openDeviceForWrite();
        streamOpen = true;
        return new BlockOutputStream(out, blockSize, e -> TapeErrors.onWrite(device, e), this::writeClosed);
    }

    // why: WRITE alone is O_WRONLY without O_CREAT/O_TRUNC: a missing /dev/nstN must not become a regular file
    private OutputStream openDeviceForWrite() throws IOException {
        try {
            return Files.newOutputStream(device, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw TapeErrors.onOpenForWrite(device, e);
        }
    }

    // why: st keeps the block size per drive and other tools change it; variable mode (0) makes each
    // write(2) one block of exactly the size written, which is what BlockOutputStream relies on
    private void prepareStream() throws IOException {
        mt("setblk", "0");
    }

    private void readClosed(boolean atFileMark) throws IOException {
        streamOpen = false;
        // why: the contract leaves the tape at the next file; a reader that stopped early is mid-file
        if (!atFileMark) {
            mt("fsf", "1");
        }
    }

    private void writeClosed(boolean needsFileMark) throws IOException {
        streamOpen = false;
        // why: st writes the file mark on close only when the last operation was a write; an empty tape file
        // wrote nothing, so its mark is written explicitly to keep the tape's file numbering
        if (needsFileMark) {
            mt("weof", "1");
        }
    }

    private String mt(String... command) throws IOException {
        if (streamOpen) {
            throw new IllegalStateException(device + ": a tape file stream is open; close it first");
        }
        List<String> line = new ArrayList<>(List.of(mt, "-f", device.toString()));
        line.addAll(List.of(command));
        return runner.run(line);
    }
}
