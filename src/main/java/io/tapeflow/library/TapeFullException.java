package io.tapeflow.library;

import java.io.IOException;

/** The cartridge reached its end of medium: the tape file being written is incomplete and must be rewritten elsewhere. */
public class TapeFullException extends IOException {
    public TapeFullException(String message) {
        super(message);
    }
}
