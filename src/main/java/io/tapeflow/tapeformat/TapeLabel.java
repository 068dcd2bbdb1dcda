package io.tapeflow.tapeformat;

import io.tapeflow.library.TapeDevice;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Properties;

/**
 * Tape file 0 of every Tapeflow tape: a small tar holding {@value TapeFormat#LABEL_ENTRY} (barcode, format,
 * creation time, pool). Writing it formats the tape: everything after file 0 is gone.
 */
public record TapeLabel(String barcode, String format, Instant created, String pool) {

    public TapeLabel {
        if (barcode == null || barcode.isBlank()) {
            throw new IllegalArgumentException("a label needs a barcode");
        }
    }

    /** A label for a tape formatted now; {@code pool} may be null. */
    public static TapeLabel of(String barcode, String pool) {
        return new TapeLabel(barcode, TapeFormat.FORMAT, Instant.now().truncatedTo(ChronoUnit.SECONDS), pool);
    }

    /**
     * Rewinds and writes this label as file 0, which truncates the tape.
     *
     * @throws IOException also when the drive reports a different cartridge than this label's barcode
     */
    public void write(TapeDevice device) throws IOException {
        String loaded = device.status().barcode();
        if (loaded != null && !loaded.equals(barcode)) {
            throw new IOException("refusing to label " + loaded + " as " + barcode);
        }
        device.rewind();
        byte[] content = properties();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(device.openWrite(TapeFormat.LABEL_BLOCK_SIZE),
                TapeFormat.LABEL_BLOCK_SIZE, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry = new TarArchiveEntry(TapeFormat.LABEL_ENTRY);
            entry.setSize(content.length);
            entry.setLastModifiedTime(FileTime.from(created));
            entry.setUserName("");
            entry.setGroupName("");
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
    }

    /**
     * Rewinds and reads file 0; {@code null} when the tape is blank or file 0 is not a Tapeflow label.
     *
     * @throws IOException when it is a Tapeflow label of a format this version cannot read, or unreadable
     */
    public static TapeLabel read(TapeDevice device) throws IOException {
        device.rewind();
        InputStream opened;
        try {
            opened = device.openRead();
        } catch (IOException e) {
            // why: only now ask for end of data, which on a real drive is a long locate: the usual tape is labelled
            if (device.seekEndOfData() == 0) {
                return null;
            }
            throw e;
        }
        Properties properties = new Properties();
        try (InputStream in = opened;
             TarArchiveInputStream tar = new TarArchiveInputStream(in, TapeFormat.LABEL_BLOCK_SIZE,
                     StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry = nextEntryOrNull(tar);
            if (entry == null || !TapeFormat.LABEL_ENTRY.equals(entry.getName()) || entry.getSize() > 64 * 1024) {
                return null;
            }
            properties.load(new StringReader(new String(tar.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return null; // why: Commons Compress reports a header that is not tar this way
        }
        return parse(properties);
    }

    private static TarArchiveEntry nextEntryOrNull(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            if (e.getCause() instanceof IllegalArgumentException) {
                return null; // why: file 0 is not tar at all, a foreign tape
            }
            throw e;
        }
    }

    private static TapeLabel parse(Properties properties) throws IOException {
        String format = properties.getProperty("format");
        if (!TapeFormat.FORMAT.equals(format)) {
            throw new IOException("tape format '" + format + "' is not supported (expected " + TapeFormat.FORMAT + ")");
        }
        try {
            return new TapeLabel(properties.getProperty("barcode"), format,
                    Instant.parse(properties.getProperty("created")), properties.getProperty("pool"));
        } catch (DateTimeParseException | NullPointerException | IllegalArgumentException e) {
            throw new IOException("damaged Tapeflow label: " + properties, e);
        }
    }

    private byte[] properties() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("barcode", barcode);
        properties.setProperty("format", format);
        properties.setProperty("created", created.toString());
        if (pool != null) {
            properties.setProperty("pool", pool);
        }
        StringWriter text = new StringWriter();
        properties.store(text, "Tapeflow tape label");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
