package io.tapeflow.library;

/** A cartridge's media type. Wire values of the published API: no others may be returned. */
public enum TapeType {
    unknown, data, cleaning, diagnostic,
    data_lto1, data_lto2, data_lto3, data_lto4, data_lto5, data_lto6,
    data_lto7, data_lto8, data_lto9, data_lto10, data_lto11, data_lto12
}
