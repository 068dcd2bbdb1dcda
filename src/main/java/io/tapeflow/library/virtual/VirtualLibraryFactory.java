package io.tapeflow.library.virtual;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Lays out a new virtual library's directory: its slots holding blank cartridges, and its drives. */
@Singleton
public class VirtualLibraryFactory {

    /**
     * @param barcodes the cartridges, put into storage slots 1, 2, ... in this order
     * @param type     the cartridges' media type, e.g. {@code data_lto9}
     */
    public void create(Path dir, int drives, int storageSlots, int ioSlots, List<String> barcodes, long capacityBytes,
                       String type) throws IOException {
        VirtualLibrary.create(dir, drives, storageSlots, ioSlots, barcodes, capacityBytes, type);
    }
}
