package io.tapeflow.library;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cartridge's barcode label says about it: LTO labels end with the media id ({@code L9} is an
 * LTO-9 data cartridge), cleaning cartridges start with {@code CLN}.
 */
final class LtoLabels {

    private static final Pattern DATA = Pattern.compile(".*L([1-9])");
    // Native capacities of LTO-1 to LTO-9 in bytes, as the LTO consortium specifies them.
    private static final long[] NATIVE_CAPACITY = {100_000_000_000L, 200_000_000_000L, 400_000_000_000L,
            800_000_000_000L, 1_500_000_000_000L, 2_500_000_000_000L, 6_000_000_000_000L, 12_000_000_000_000L,
            18_000_000_000_000L};

    private LtoLabels() {
    }

    static TapeType type(String barcode) {
        if (barcode.startsWith("CLN")) {
            return TapeType.cleaning;
        }
        Matcher data = DATA.matcher(barcode);
        return data.matches() ? TapeType.valueOf("data_lto" + data.group(1)) : TapeType.unknown;
    }

    /** The bytes a cartridge of this type holds uncompressed; 0 when the label does not say. */
    static long nativeCapacity(TapeType type) {
        String name = type.name();
        if (!name.startsWith("data_lto")) {
            return 0;
        }
        int generation = Integer.parseInt(name.substring("data_lto".length()));
        return generation <= NATIVE_CAPACITY.length ? NATIVE_CAPACITY[generation - 1] : 0;
    }
}
