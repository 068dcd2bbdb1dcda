package io.tapeflow.tapeformat;

/**
 * Where one file (or one part of a file) went on tape, for the catalog.
 *
 * @param path             the file's path as given to the writer (the tar name of a part adds {@link TapeFormat#PART_MARKER})
 * @param tapeFile         the tape file number ({@code mt fsf})
 * @param entryIndex       the entry's position among the file entries of that tape file, from 0
 * @param offsetInTapeFile bytes from the start of the tape file to the entry's first header (its pax header if any)
 * @param size             the whole file's size
 * @param partOffset       where this entry's bytes start in the file (0 unless a later part)
 * @param partLength       how many of the file's bytes this entry holds
 * @param part             0 for a whole file, else the part number from 1
 * @param checksum         checksum of this entry's bytes ({@code null} for {@code none})
 * @param fileChecksum     checksum of the whole file, set on the entry that completes it (equals {@code checksum}
 *                         when whole), {@code null} on earlier parts
 */
public record WrittenEntry(String path, int tapeFile, int entryIndex, long offsetInTapeFile, long size,
                           long partOffset, long partLength, int part, String checksum, String fileChecksum) {

    public boolean split() {
        return part > 0;
    }

    /** Whether the file is complete once this entry is written. */
    public boolean completesFile() {
        return partOffset + partLength == size;
    }

    /** The name of the tar entry. */
    public String entryName() {
        return split() ? TapeFormat.partName(path, part) : path;
    }
}
