package io.tapeflow.library;

/** How Tapeflow drives a library: files on disk, or real hardware through mtx/mt. Wire values. */
public enum LibraryProtocol {
    virtual, scsi
}
