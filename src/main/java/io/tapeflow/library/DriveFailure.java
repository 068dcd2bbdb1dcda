package io.tapeflow.library;

import java.io.IOException;

/** The robot or a drive failed to move, load or unload a cartridge (the hardware, not the cartridge). */
public class DriveFailure extends IOException {
    public DriveFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
