package io.tapeflow.library;

import java.util.List;

/** A library's drives and slots with the cartridge each holds, as its robot reports them. */
public record Inventory(List<Drive> drives, List<Slot> slots) {

    public Inventory {
        drives = List.copyOf(drives);
        slots = List.copyOf(slots);
    }

    /**
     * A drive. {@code barcode} is the loaded cartridge's label, {@code null} when empty (or when a
     * cartridge without a readable label is loaded: then {@code full} says so); {@code sourceSlot} is
     * the slot it was loaded from, when the robot remembers it.
     */
    public record Drive(int number, boolean full, String barcode, Integer sourceSlot) {
    }

    /** A storage or I/O ({@code importExport}) slot; {@code barcode} null when empty or unlabelled. */
    public record Slot(int number, boolean importExport, boolean full, String barcode) {
    }
}
