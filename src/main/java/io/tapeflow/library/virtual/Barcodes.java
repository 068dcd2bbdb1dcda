package io.tapeflow.library.virtual;

import java.util.List;
import java.util.stream.IntStream;

/** The default labels of virtual cartridges: {@code TF0001L9}, {@code TF0002L9}, ... ({@code L9}: LTO-9 media suffix). */
public final class Barcodes {

    private Barcodes() {
    }

    /** {@code prefix}0001L9, {@code prefix}0002L9, ...: the first {@code count} LTO-9 labels of a prefix. */
    public static List<String> barcodes(String prefix, int count) {
        if (count > 9999) {
            throw new IllegalArgumentException("barcodes are numbered 1..9999, asked for " + count);
        }
        return IntStream.rangeClosed(1, count).mapToObj(n -> prefix + "%04d".formatted(n) + "L9").toList();
    }

    /** The first {@code count} default barcodes ({@code TF0001L9}, ...). */
    public static List<String> defaultBarcodes(int count) {
        return barcodes("TF", count);
    }
}
