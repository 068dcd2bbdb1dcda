package io.tapeflow.library;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TapeEventTest {

    @Test
    void aFailureIsTheTapeTroubleFoundAmongItsCauses() {
        assertEquals(TapeEvent.Type.tape_full, TapeEvent.typeOf(new TapeFullException("end of medium")));
        assertEquals(TapeEvent.Type.tape_error, TapeEvent.typeOf(new IOException("write refused", new WriteProtectedException("WR_PROT"))));
        assertEquals(TapeEvent.Type.drive_error, TapeEvent.typeOf(
                new UncheckedIOException(new DriveFailure("mtx load failed", new IOException("exit 1")))));
    }

    @Test
    void otherFailuresAreNoTapeTrouble() {
        assertNull(TapeEvent.typeOf(new IOException("cannot read source")));
        assertNull(TapeEvent.typeOf(new IllegalStateException("pool holds no tape")));
    }
}
