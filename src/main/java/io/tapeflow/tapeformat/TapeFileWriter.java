package io.tapeflow.tapeformat;

import io.tapeflow.library.TapeDevice;
import io.tapeflow.transfer.ChecksumType;
import io.tapeflow.transfer.StreamingChecksum;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;

/**
 * Writes one tape file: a POSIX pax tar in 1 MiB blocks, appended at the device's current position (end of data).
 *
 * <p>Protocol: {@link #add} files one by one; after each, {@link #shouldClose()} says whether to end this tape file
 * (the aggregation limit is reached, or the tape is full); {@link #close()} ends the archive and writes the file mark.
 * When a result is {@link AddResult#tapeFull() tape full}, close, move to the next tape, open a writer there and
 * pass {@link AddResult#rest()} with the same source stream to {@link #continueEntry}.
 *
 * <p>Nothing is written to the device before the first entry, so a writer closed without entries leaves no tape
 * file. After an I/O failure the writer refuses further entries; {@link #close()} then only closes the device
 * stream, and the tape file must be considered incomplete (rewrite from {@link #tapeFile()}).
 */
public final class TapeFileWriter implements Closeable {

    /** A whole tape block: a large source (read ahead in blocks) goes through in one read, one hash update and one write per block. */
    private static final int COPY_BUFFER = TapeFormat.BLOCK_SIZE;

    private final TapeDevice device;
    private final SpaceBudget budget;
    private final long aggregationLimit;
    private final int tapeFile;
    private final byte[] buffer = new byte[COPY_BUFFER];
    private OutputStream deviceOut;
    private TarArchiveOutputStream tar;
    private int entryCount;
    private boolean tapeFull;
    private boolean failed;
    private boolean closed;

    private TapeFileWriter(TapeDevice device, long freeBytes, long aggregationLimit, int tapeFile) {
        this.device = device;
        this.budget = new SpaceBudget(freeBytes);
        this.aggregationLimit = aggregationLimit;
        this.tapeFile = tapeFile;
    }

    /** A writer with the default aggregation limit (4 GiB). */
    public static TapeFileWriter open(TapeDevice device, long freeBytes) throws IOException {
        return open(device, freeBytes, TapeFormat.DEFAULT_AGGREGATION_LIMIT);
    }

    /**
     * A writer for a new tape file at the device's current position (the caller positions it, normally with
     * {@link TapeDevice#seekEndOfData()}); {@code freeBytes} is what the cartridge can still take there.
     */
    public static TapeFileWriter open(TapeDevice device, long freeBytes, long aggregationLimit) throws IOException {
        if (aggregationLimit <= 0) {
            throw new IllegalArgumentException("aggregation limit must be positive, was " + aggregationLimit);
        }
        TapeDevice.DriveStatus status = device.status();
        if (!status.loaded() || status.fileNumber() < 1) {
            throw new IOException("cannot write a data tape file: drive " + (status.loaded()
                    ? "is at tape file " + status.fileNumber() + " (file 0 is the label)" : "has no tape"));
        }
        return new TapeFileWriter(device, freeBytes, aggregationLimit, status.fileNumber());
    }

    /** Adds one file read from {@code content}, which must hold exactly {@code size} bytes. */
    public AddResult add(String path, long size, FileTime mtime, InputStream content, ChecksumType type) throws IOException {
        checkPath(path);
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for '" + path + "'");
        }
        return write(new Continuation(path, size, mtime, type, 0, 1, null), content);
    }

    /** Continues a file that did not fit on the previous tape; {@code content} is positioned at {@code rest.offset()}. */
    public AddResult continueEntry(Continuation rest, InputStream content) throws IOException {
        return write(rest, content);
    }

    /** Whether to close this tape file now: the aggregation limit is reached or the tape is full. */
    public boolean shouldClose() {
        return tapeFull || position() >= aggregationLimit;
    }

    /** Whether an entry did not fit: nothing more goes on this tape. */
    public boolean tapeFull() {
        return tapeFull;
    }

    public int tapeFile() {
        return tapeFile;
    }

    public int entryCount() {
        return entryCount;
    }

    /** Bytes of the tape file so far; after {@link #close()}, exactly what the cartridge's free space decreased by. */
    public long bytesUsed() {
        return tar == null ? 0 : tar.getBytesWritten();
    }

    /** Ends the archive (end-of-archive records, padding to a whole block) and writes the file mark. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (tar == null) {
            return;
        }
        if (failed) {
            deviceOut.close();
        } else {
            tar.close();
        }
    }

    private AddResult write(Continuation entry, InputStream content) throws IOException {
        if (closed || failed || tapeFull) {
            throw new IllegalStateException("tape file " + tapeFile + " takes no more entries: "
                    + (closed ? "closed" : failed ? "failed" : "tape full"));
        }
        String wholeName = entry.started() ? TapeFormat.partName(entry.path(), entry.nextPart()) : entry.path();
        if (budget.fits(position(), wholeName, entry.remaining())) {
            return new AddResult(writeEntry(entry, wholeName, entry.remaining(), content), null);
        }
        tapeFull = true;
        String partName = TapeFormat.partName(entry.path(), entry.nextPart());
        long partLength = Math.min(entry.remaining(), budget.largestContent(position(), partName));
        if (entry.remaining() < TapeFormat.MIN_SPLIT || partLength < TapeFormat.MIN_SPLIT) {
            return new AddResult(null, entry);
        }
        StreamingChecksum running = entry.started() ? entry.fileChecksum() : entry.checksumType().start();
        Continuation withChecksum = new Continuation(entry.path(), entry.size(), entry.mtime(), entry.checksumType(),
                entry.offset(), entry.nextPart(), running);
        WrittenEntry part = writeEntry(withChecksum, partName, partLength, content);
        return new AddResult(part, withChecksum.after(partLength, running));
    }

    private WrittenEntry writeEntry(Continuation entry, String name, long length, InputStream content) throws IOException {
        boolean isPart = !name.equals(entry.path());
        long offsetInTapeFile = position();
        StreamingChecksum checksum = entry.checksumType().start();
        StreamingChecksum fileChecksum = entry.fileChecksum();
        try {
            TarArchiveOutputStream out = tar();
            out.putArchiveEntry(tarEntry(entry, name, length, isPart));
            long copied = 0;
            while (copied < length) {
                int n = content.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
                if (n < 0) {
                    throw new IOException("source of '" + entry.path() + "' ended after " + (entry.offset() + copied)
                            + " of " + entry.size() + " bytes");
                }
                checksum.update(buffer, 0, n);
                if (fileChecksum != null) {
                    fileChecksum.update(buffer, 0, n);
                }
                out.write(buffer, 0, n);
                copied += n;
            }
            out.closeArchiveEntry();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
        boolean completes = entry.offset() + length == entry.size();
        String hex = checksum.hex();
        String fileHex = !completes ? null : fileChecksum == null ? hex : fileChecksum.hex();
        return new WrittenEntry(entry.path(), tapeFile, entryCount++, offsetInTapeFile, entry.size(), entry.offset(),
                length, isPart ? entry.nextPart() : 0, hex, fileHex);
    }

    private TarArchiveEntry tarEntry(Continuation entry, String name, long length, boolean isPart) {
        TarArchiveEntry tarEntry = new TarArchiveEntry(name, true);
        tarEntry.setSize(length);
        tarEntry.setLastModifiedTime(entry.mtime());
        tarEntry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE);
        tarEntry.setUserName("");
        tarEntry.setGroupName("");
        if (isPart) {
            tarEntry.addPaxHeader(TapeFormat.PAX_OFFSET, Long.toString(entry.offset()));
            tarEntry.addPaxHeader(TapeFormat.PAX_SIZE, Long.toString(entry.size()));
        }
        return tarEntry;
    }

    private TarArchiveOutputStream tar() throws IOException {
        if (tar == null) {
            deviceOut = device.openWrite(TapeFormat.BLOCK_SIZE);
            tar = new TarArchiveOutputStream(deviceOut, TapeFormat.BLOCK_SIZE, StandardCharsets.UTF_8.name());
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
        }
        return tar;
    }

    private long position() {
        return tar == null ? 0 : tar.getBytesWritten();
    }

    private static void checkPath(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.indexOf('\0') >= 0
                || path.contains(TapeFormat.PART_MARKER)) {
            throw new IllegalArgumentException("not a relative file path for tape: '" + path + "'");
        }
    }
}
