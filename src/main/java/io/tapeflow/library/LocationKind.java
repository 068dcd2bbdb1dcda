package io.tapeflow.library;

/** Where a cartridge sits: a storage slot, a drive or an import/export slot (element numbers as mtx counts them). */
public enum LocationKind {
    slot, drive, io
}
