package io.tapeflow.library.virtual;

import java.io.InterruptedIOException;

/** The simulated mechanical delays: a sleep that an interrupt cuts short, reported as an I/O interruption. */
final class Pause {

    private Pause() {
    }

    static void sleep(long millis, String what) throws InterruptedIOException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + what);
        }
    }
}
