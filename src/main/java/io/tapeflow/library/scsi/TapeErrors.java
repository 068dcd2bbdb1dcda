package io.tapeflow.library.scsi;

import io.tapeflow.library.TapeFullException;
import io.tapeflow.library.WriteProtectedException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

/** Turns the errno-based IOExceptions of the nst device into the driver contract's exceptions. */
final class TapeErrors {

    private TapeErrors() {
    }

    /** EROFS is what st answers for a write-protected cartridge; EACCES is mapped too (see message). */
    static IOException onOpenForWrite(Path device, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Read-only file system")) {
            return withCause(new WriteProtectedException(device + ": cartridge is write-protected (" + message + ")"), e);
        }
        if (e instanceof AccessDeniedException || message.contains("Permission denied")) {
            return withCause(new WriteProtectedException(device + ": opening for write was refused (" + message
                    + "): write-protected cartridge, or the device is not writable by this user"), e);
        }
        return e;
    }

    /** ENOSPC: st reached the early-warning end of medium; the tape file being written is incomplete. */
    static IOException onWrite(Path device, IOException e) {
        if (String.valueOf(e.getMessage()).contains("No space left on device")) {
            return withCause(new TapeFullException(device + ": end of medium reached (" + e.getMessage() + ")"), e);
        }
        return e;
    }

    private static IOException withCause(IOException mapped, IOException cause) {
        mapped.initCause(cause);
        return mapped;
    }
}
