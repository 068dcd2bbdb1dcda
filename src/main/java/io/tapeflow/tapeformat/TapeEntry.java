package io.tapeflow.tapeformat;

import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * One file entry as read back from a tape file. For a part of a spanning file {@code path} is the file's path
 * (without the part suffix), {@code part} its number and {@code partOffset}/{@code totalSize} come from the pax
 * headers; for a whole file {@code part} is 0, {@code partOffset} 0 and {@code totalSize == size}.
 */
public record TapeEntry(int tapeFile, int entryIndex, String name, String path, long size, FileTime mtime,
                        int part, long partOffset, long totalSize, Map<String, String> paxHeaders) {

    public TapeEntry {
        paxHeaders = Map.copyOf(paxHeaders);
    }

    public boolean split() {
        return part > 0;
    }
}
