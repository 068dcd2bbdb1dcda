package io.tapeflow.tapeformat;

/**
 * The byte layout of a Tapeflow tape (format {@code tapeflow-1}), in one place. File 0 is a label tar; every later
 * tape file is one POSIX pax tar in {@link #BLOCK_SIZE} blocks, readable with GNU tar alone. A file that spans
 * cartridges is stored as entries {@code <path>.tapeflow-part-0001}, {@code -0002}, ... whose pax headers
 * {@link #PAX_OFFSET} and {@link #PAX_SIZE} say where the part belongs; {@code cat path.tapeflow-part-* > path}
 * rebuilds it without Tapeflow.
 */
public final class TapeFormat {

    public static final String FORMAT = "tapeflow-1";
    public static final int RECORD_SIZE = 512;
    /** Data tape files are written in 1 MiB blocks so the drive keeps streaming. */
    public static final int BLOCK_SIZE = 1 << 20;
    /** The label uses tar's default blocking so {@code tar tf /dev/nst0} reads it without {@code -b}. */
    public static final int LABEL_BLOCK_SIZE = 20 * RECORD_SIZE;
    /** Two zero records end every tar archive. */
    public static final int END_OF_ARCHIVE = 2 * RECORD_SIZE;
    public static final String LABEL_ENTRY = "TAPEFLOW-LABEL.properties";
    public static final String PART_MARKER = ".tapeflow-part-";
    public static final String PAX_OFFSET = "TAPEFLOW.offset";
    public static final String PAX_SIZE = "TAPEFLOW.size";
    public static final long DEFAULT_AGGREGATION_LIMIT = 4L << 30;
    /** Entries smaller than this go whole to the next tape rather than being split; no part is ever smaller. */
    public static final long MIN_SPLIT = 1 << 20;

    private TapeFormat() {
    }

    /** The tar entry name of part {@code part} (1-based) of {@code path}. */
    public static String partName(String path, int part) {
        return path + PART_MARKER + String.format("%04d", part);
    }

    static long padToRecord(long bytes) {
        return roundUp(bytes, RECORD_SIZE);
    }

    static long roundUp(long bytes, long unit) {
        return (bytes + unit - 1) / unit * unit;
    }

    static long roundDown(long bytes, long unit) {
        return Math.floorDiv(bytes, unit) * unit;
    }
}
