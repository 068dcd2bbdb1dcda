package io.tapeflow.library.virtual;

import java.util.List;
import java.util.stream.IntStream;

/** The default labels of virtual cartridges: {@code TF0001L9}, {@code TF0002L9}, ... ({@code L9}: LTO-9 media suffix). */
public final class Barcodes {

    private Barcodes() {
    }

    /** The default barcode number {@code n} (1-based). */
    public static String defaultBarcode(int n) {
        if (n < 1 || n > 9999) {
            throw new IllegalArgumentException("default barcodes are numbered 1..9999, was " + n);
        }
        return String.format("TF%04dL9", n);
    }

    /** The first {@code count} default barcodes. */
    public static List<String> defaultBarcodes(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(Barcodes::defaultBarcode).toList();
    }
}
