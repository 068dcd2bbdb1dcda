package io.tapeflow.execution;

import io.tapeflow.transfer.ChecksumType;
import io.tapeflow.transfer.CopyOptions;
import io.tapeflow.transfer.CopyOutcome;
import io.tapeflow.transfer.CopyResult;
import io.tapeflow.transfer.Directories;
import io.tapeflow.transfer.FileCopier;
import io.tapeflow.transfer.SourceEntry;
import io.tapeflow.transfer.StreamingChecksum;
import io.tapeflow.transfer.TransferFailure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Carries one source entry to every destination and says how it went. A move deletes the source only
 * once every copy has been read back and matched its checksum.
 */
final class FileTransfer {

    /** What happened to one entry. */
    enum Outcome { COPIED, SKIPPED, FAILED, NOT_A_FILE }

    private final FileCopier copier;
    private final CopyOptions options;
    private final boolean move;
    private final ExecutionStore store;
    private final long executionId;

    FileTransfer(FileCopier copier, CopyOptions options, boolean move, ExecutionStore store, long executionId) {
        this.copier = copier;
        // A move must verify its copies, so it always checksums.
        this.options = move && options.checksum() == ChecksumType.none ? options.withChecksum(ChecksumType.DEFAULT) : options;
        this.move = move;
        this.store = store;
        this.executionId = executionId;
    }

    Outcome process(SourceEntry entry, List<Path> targets) {
        return switch (entry.kind()) {
            case FILE -> copy(entry, targets);
            case EMPTY_DIRECTORY -> {
                targets.forEach(Directories::create);
                yield Outcome.NOT_A_FILE;
            }
            case SYMLINK -> {
                store.log(executionId, "WARN", entry.relative(), "skipped: symbolic links are not followed");
                yield Outcome.NOT_A_FILE;
            }
            case UNREADABLE_DIRECTORY -> {
                store.log(executionId, "ERROR", entry.relative(), "directory cannot be read; its content was not copied");
                yield Outcome.FAILED;
            }
            case OTHER -> {
                store.log(executionId, "WARN", entry.relative(), "skipped: not a regular file");
                yield Outcome.NOT_A_FILE;
            }
        };
    }

    private Outcome copy(SourceEntry entry, List<Path> targets) {
        boolean skippedAll = true;
        for (Path target : targets) {
            try {
                CopyOutcome outcome = copier.copy(entry.absolute(), target, options);
                if (outcome instanceof CopyResult result) {
                    skippedAll = false;
                    String mismatch = move ? mismatch(result) : null;
                    if (mismatch != null) {
                        store.log(executionId, "ERROR", entry.relative(), "failed: " + mismatch + "; the source was kept");
                        return Outcome.FAILED;
                    }
                    store.log(executionId, "INFO", entry.relative(), "copied to " + result.finalTarget()
                            + " (" + result.bytes() + " bytes, " + result.type() + " " + result.checksum() + ")");
                } else {
                    store.log(executionId, "INFO", entry.relative(), "skipped: " + target + " exists (conflict resolution ignore)");
                }
            } catch (TransferFailure failure) {
                store.log(executionId, "ERROR", entry.relative(), "failed: " + failure.reason());
                return Outcome.FAILED;
            }
        }
        if (move && !skippedAll) {
            try {
                Files.delete(entry.absolute());
            } catch (IOException e) {
                store.log(executionId, "ERROR", entry.relative(), "copied but the source could not be deleted: " + e.getMessage());
                return Outcome.FAILED;
            }
        }
        return skippedAll ? Outcome.SKIPPED : Outcome.COPIED;
    }

    /** Reads a copy back and compares its checksum with the one computed from the source's bytes; null when they match. */
    private static String mismatch(CopyResult result) {
        try (StreamingChecksum checksum = result.type().start(); InputStream in = Files.newInputStream(result.finalTarget())) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                checksum.update(buffer, 0, n);
            }
            return result.checksum().equals(checksum.hex()) ? null
                    : "copy at " + result.finalTarget() + " does not match the source's " + result.type() + " checksum";
        } catch (IOException e) {
            return "copy at " + result.finalTarget() + " cannot be read back: " + e.getMessage();
        }
    }
}
