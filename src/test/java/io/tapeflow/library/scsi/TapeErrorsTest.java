package io.tapeflow.library.scsi;

import io.tapeflow.library.TapeFullException;
import io.tapeflow.library.WriteProtectedException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

class TapeErrorsTest {

    private static final Path NST0 = Path.of("/dev/nst0");

    @Test
    void erofsOnOpenForWriteIsWriteProtected() {
        IOException e = new FileSystemException("/dev/nst0", null, "Read-only file system");

        assertInstanceOf(WriteProtectedException.class, TapeErrors.onOpenForWrite(NST0, e));
    }

    @Test
    void eaccesOnOpenForWriteIsWriteProtected() {
        IOException e = new AccessDeniedException("/dev/nst0");

        assertInstanceOf(WriteProtectedException.class, TapeErrors.onOpenForWrite(NST0, e));
    }

    @Test
    void otherOpenErrorsAreKept() {
        IOException e = new IOException("/dev/nst0: Device or resource busy");

        assertSame(e, TapeErrors.onOpenForWrite(NST0, e));
    }

    @Test
    void enospcOnWriteIsTapeFull() {
        assertInstanceOf(TapeFullException.class, TapeErrors.onWrite(NST0, new IOException("No space left on device")));
    }

    @Test
    void otherWriteErrorsAreKept() {
        IOException e = new IOException("Input/output error");

        assertSame(e, TapeErrors.onWrite(NST0, e));
    }
}
