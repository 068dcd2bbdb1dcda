package io.tapeflow.library.virtual;

import io.tapeflow.library.TapeDevice;
import io.tapeflow.library.WriteProtectedException;
import io.tapeflow.transfer.BandwidthLimiter;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;

/**
 * The data path of one virtual drive. The loaded cartridge is looked up on disk at every call (another process may
 * have moved it); only the head position lives in memory, remembered together with the cartridge it belongs to, so
 * a different cartridge in the drive starts at the beginning of tape.
 */
final class VirtualTapeDevice implements TapeDevice {

    private final VirtualLibrary library;
    private final int drive;
    private String headBarcode;
    private int position;
    /** A tape file is open for reading or writing: like a real drive, this one does nothing else meanwhile. */
    private boolean streaming;

    VirtualTapeDevice(VirtualLibrary library, int drive) {
        this.library = library;
        this.drive = drive;
    }

    @Override
    public synchronized DriveStatus status() throws IOException {
        Cartridge cartridge = library.cartridgeInDrive(drive);
        if (cartridge == null) {
            return new DriveStatus(false, null, false, -1);
        }
        return new DriveStatus(true, cartridge.barcode(), cartridge.writeProtected(), head(cartridge));
    }

    @Override
    public synchronized void rewind() throws IOException {
        Cartridge cartridge = loaded();
        Pause.sleep(library.settings().seekDelayMillis(), "rewinding drive " + drive);
        moveHead(cartridge, 0);
    }

    @Override
    public synchronized void seekFile(int fileNumber) throws IOException {
        Cartridge cartridge = loaded();
        int count = cartridge.fileCount();
        if (fileNumber < 0 || fileNumber > count) {
            throw new IOException("cannot position " + cartridge.barcode() + " in drive " + drive + " at tape file "
                    + fileNumber + ": end of data is after " + count + " tape files");
        }
        Pause.sleep(library.settings().seekDelayMillis(), "positioning drive " + drive);
        moveHead(cartridge, fileNumber);
    }

    @Override
    public synchronized int seekEndOfData() throws IOException {
        Cartridge cartridge = loaded();
        Pause.sleep(library.settings().seekDelayMillis(), "positioning drive " + drive);
        int count = cartridge.fileCount();
        moveHead(cartridge, count);
        return count;
    }

    /** The head moves past the file mark as the tape file is opened: the next read gets the next tape file. */
    @Override
    public synchronized InputStream openRead() throws IOException {
        Cartridge cartridge = loaded();
        int fileNumber = head(cartridge);
        if (!Files.exists(cartridge.image(fileNumber))) {
            throw new IOException("end of data: " + cartridge.barcode() + " in drive " + drive + " has "
                    + cartridge.fileCount() + " tape files, the head is at " + fileNumber);
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(cartridge.image(fileNumber)), 1 << 16);
        moveHead(cartridge, fileNumber + 1);
        streaming = true;
        return new FilterInputStream(new ThrottledInputStream(in, limiter())) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    streamClosed();
                }
            }
        };
    }

    @Override
    public synchronized OutputStream openWrite(int blockSize) throws IOException {
        Cartridge cartridge = loaded();
        if (cartridge.writeProtected()) {
            throw new WriteProtectedException(cartridge.barcode() + " in drive " + drive + " is write-protected");
        }
        int fileNumber = Math.min(head(cartridge), cartridge.fileCount());
        cartridge.truncateFrom(fileNumber);
        String barcode = cartridge.barcode();
        ImageOutputStream image = new ImageOutputStream(cartridge.image(fileNumber), blockSize, cartridge.capacity(),
                cartridge.usedBefore(fileNumber), limiter(), () -> afterFileMark(barcode, fileNumber + 1));
        streaming = true;
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                image.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                image.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                try {
                    image.close();
                } finally {
                    streamClosed();
                }
            }
        };
    }

    private synchronized void streamClosed() {
        streaming = false;
    }

    /** @throws IllegalStateException while a tape file is open: the robot cannot take a cartridge that is being read or written */
    synchronized void requireIdle() {
        if (streaming) {
            throw new IllegalStateException("drive " + drive + " has a tape file open; close it first");
        }
    }

    /** Forgets the position: the robot rewound and took the cartridge out. */
    synchronized void ejected() {
        headBarcode = null;
        position = 0;
    }

    private synchronized void afterFileMark(String barcode, int fileNumber) {
        headBarcode = barcode;
        position = fileNumber;
    }

    private Cartridge loaded() throws IOException {
        requireIdle();
        Cartridge cartridge = library.cartridgeInDrive(drive);
        if (cartridge == null) {
            throw new IOException("no tape loaded in drive " + drive);
        }
        return cartridge;
    }

    private int head(Cartridge cartridge) {
        if (!cartridge.barcode().equals(headBarcode)) {
            headBarcode = cartridge.barcode();
            position = 0;
        }
        return position;
    }

    private void moveHead(Cartridge cartridge, int fileNumber) {
        headBarcode = cartridge.barcode();
        position = fileNumber;
    }

    private BandwidthLimiter limiter() {
        long cap = library.settings().bandwidthBytesPerSecond();
        return cap == 0 ? BandwidthLimiter.unlimited() : BandwidthLimiter.of(cap);
    }
}
