package io.tapeflow.tapeformat;

import io.tapeflow.library.TapeDevice;
import io.tapeflow.transfer.ChecksumType;
import io.tapeflow.transfer.StreamingChecksum;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the file entries of one tape file in order (the physical order restores use): {@link #next()} gives an
 * entry's metadata, {@link #content()} its bytes. Used for restore, consistency checks and scans.
 */
public final class TapeFileReader implements Closeable {

    private static final Pattern PART_NAME = Pattern.compile("(.+)" + Pattern.quote(TapeFormat.PART_MARKER) + "(\\d{4,})");

    private final TarArchiveInputStream tar;
    private final CountingInputStream raw;
    private final int tapeFile;
    private int nextIndex;
    private TapeEntry current;
    /** Reused for every entry a consistency check or scan hashes. */
    private final byte[] buffer = new byte[256 * 1024];

    /** Reads {@code tapeFile} from a stream of its bytes (the device's, or an image file's). */
    public TapeFileReader(InputStream tapeFileBytes, int tapeFile) {
        this.raw = new CountingInputStream(tapeFileBytes);
        this.tar = new TarArchiveInputStream(raw, TapeFormat.BLOCK_SIZE, StandardCharsets.UTF_8.name());
        this.tapeFile = tapeFile;
    }

    /** Positions the device at {@code tapeFile} and reads it. */
    public static TapeFileReader open(TapeDevice device, int tapeFile) throws IOException {
        device.seekFile(tapeFile);
        return new TapeFileReader(device.openRead(), tapeFile);
    }

    /** The next file entry, skipping what is left of the current one; {@code null} at the end of the archive. */
    public TapeEntry next() throws IOException {
        TarArchiveEntry entry;
        do {
            entry = tar.getNextEntry();
        } while (entry != null && !entry.isFile());
        current = entry == null ? null : describe(entry);
        return current;
    }

    /** The current entry's bytes; closing it does not close the tape file. */
    public InputStream content() {
        if (current == null) {
            throw new IllegalStateException("no current entry in tape file " + tapeFile);
        }
        return new FilterInputStream(tar) {
            @Override
            public void close() {
                // why: the tar stream carries the next entries
            }
        };
    }

    /** Reads the rest of the current entry and answers its checksum (re-checksum for consistency checks). */
    public String checksum(ChecksumType type) throws IOException {
        try (StreamingChecksum checksum = type.start()) {
            feed(checksum, n -> { });
            return checksum.hex();
        }
    }

    /**
     * Reads the rest of the current entry into {@code checksum} (which may already hold the file's earlier parts),
     * telling {@code meter} of each buffer read; answers how many bytes the entry gave.
     */
    public long feed(StreamingChecksum checksum, LongConsumer meter) throws IOException {
        InputStream in = content();
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            checksum.update(buffer, 0, n);
            meter.accept(n);
            total += n;
        }
        return total;
    }

    /**
     * Reads what is left of the tape file, past the end of the archive to the file mark, and answers the tape file's
     * size on tape (end-of-archive records and block padding included): what writing it took from the cartridge.
     */
    public long readToEnd() throws IOException {
        while (raw.read(buffer) >= 0) {
            // why: only the bytes count; reaching the file mark also leaves the head at the next tape file
        }
        return raw.count;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    /** Counts the bytes the tar reader takes from the tape file, read or skipped. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            count += Math.max(0, n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    private TapeEntry describe(TarArchiveEntry entry) throws IOException {
        String name = entry.getName();
        String offset = entry.getExtraPaxHeader(TapeFormat.PAX_OFFSET);
        String total = entry.getExtraPaxHeader(TapeFormat.PAX_SIZE);
        Matcher part = PART_NAME.matcher(name);
        int index = nextIndex++;
        if (offset == null || total == null || !part.matches()) {
            return new TapeEntry(tapeFile, index, name, name, entry.getSize(), entry.getLastModifiedTime(), 0, 0,
                    entry.getSize(), entry.getExtraPaxHeaders());
        }
        try {
            return new TapeEntry(tapeFile, index, name, part.group(1), entry.getSize(), entry.getLastModifiedTime(),
                    Integer.parseInt(part.group(2)), Long.parseLong(offset), Long.parseLong(total),
                    entry.getExtraPaxHeaders());
        } catch (NumberFormatException e) {
            throw new IOException("entry '" + name + "' in tape file " + tapeFile + " has a damaged part header", e);
        }
    }
}
