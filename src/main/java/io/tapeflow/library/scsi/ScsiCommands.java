package io.tapeflow.library.scsi;

import java.time.Duration;

/**
 * How the SCSI driver runs its tools: the {@code mtx} and {@code mt} (mt-st) executables, by name on the
 * PATH or by absolute path, and how long one command may take.
 */
public record ScsiCommands(String mtx, String mt, Duration timeout) {

    /** A robot move or a locate to end of data on a large library can take several minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    public static ScsiCommands defaults() {
        return new ScsiCommands("mtx", "mt", DEFAULT_TIMEOUT);
    }
}
