package io.tapeflow.library;

/**
 * Tape trouble an operator must act on: a pool or tape with no room left ({@code tape_full}), a
 * cartridge that refused the write ({@code tape_error}), a robot or drive that failed
 * ({@code drive_error}). Fields that do not apply are null.
 */
public record TapeEvent(Type type, long libraryId, Integer driveNumber, Long tapeId, Long poolId, Long executionId, String message) {

    public enum Type { tape_full, tape_error, drive_error }

    /**
     * The event an exception of a tape run stands for, found along its causes; null when it is none of
     * the three (the run's own failure is reported anyway).
     */
    public static Type typeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TapeFullException) {
                return Type.tape_full;
            }
            if (t instanceof WriteProtectedException) {
                return Type.tape_error;
            }
            if (t instanceof DriveFailure) {
                return Type.drive_error;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
