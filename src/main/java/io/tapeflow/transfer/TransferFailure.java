package io.tapeflow.transfer;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file could not be transferred. {@link #reason()} is a short human sentence for the execution log
 * ("source is not readable: Permission denied"); {@link #retryable()} says whether trying the same file again
 * later may succeed (a full disk may be emptied; a vanished source will not come back).
 */
public final class TransferFailure extends RuntimeException {

    private final String reason;
    private final Path path;
    private final boolean retryable;

    private TransferFailure(String reason, Path path, boolean retryable, Throwable cause) {
        super(reason + " (" + path + ")", cause);
        this.reason = reason;
        this.path = path;
        this.retryable = retryable;
    }

    /** Reading {@code source} failed. */
    static TransferFailure source(Path source, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new TransferFailure("source vanished: No such file or directory", source, false, e);
        }
        if (e instanceof AccessDeniedException) {
            return new TransferFailure("source is not readable: Permission denied", source, false, e);
        }
        return new TransferFailure("source could not be read: " + cause(e), source, true, e);
    }

    /** Writing, creating or publishing {@code target} (or its directory) failed. */
    static TransferFailure target(Path target, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new TransferFailure("target is not writable: Permission denied", target, false, e);
        }
        if (isFull(e)) {
            return new TransferFailure("target is full: " + cause(e), target, true, e);
        }
        boolean inTheWay = e instanceof FileAlreadyExistsException || "Not a directory".equals(cause(e));
        return new TransferFailure("target could not be written: " + cause(e), target, !inTheWay, e);
    }

    /** A zero-copy transfer failed, where the error does not tell which side caused it. */
    static TransferFailure copy(Path source, Path target, IOException e) {
        return isFull(e) ? target(target, e) : new TransferFailure("copy failed: " + cause(e), source, true, e);
    }

    static TransferFailure copyDiffers(Path source, Path target) {
        return new TransferFailure("the copy at " + target + " does not read back as the source: checksums differ", source, true, null);
    }

    static TransferFailure sourceNotRegular(Path source) {
        return new TransferFailure("source is not a regular file", source, false, null);
    }

    static TransferFailure sourceChanged(Path source, String what) {
        return new TransferFailure("source changed while being copied: " + what, source, true, null);
    }

    static TransferFailure targetIsDirectory(Path target) {
        return new TransferFailure("target is a directory and cannot be overwritten by a file", target, false, null);
    }

    static TransferFailure noFreeName(Path target, int tried) {
        return new TransferFailure("no free name to rename to: " + tried + " numbered copies exist", target, false, null);
    }

    /** The short human reason, without the path. */
    public String reason() {
        return reason;
    }

    /** The file the reason is about (the source or the target). */
    public Path path() {
        return path;
    }

    /** Whether retrying the same file later may succeed. */
    public boolean retryable() {
        return retryable;
    }

    private static boolean isFull(IOException e) {
        String cause = cause(e);
        return cause.contains("No space left on device") || cause.contains("Disk quota exceeded");
    }

    // why: AccessDeniedException and NoSuchFileException carry only the path as message, not the OS reason
    private static String cause(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
