package io.tapeflow.library;

import java.io.IOException;

/** The loaded cartridge's write-protect tab is set: nothing was written. */
public class WriteProtectedException extends IOException {
    public WriteProtectedException(String message) {
        super(message);
    }
}
