package io.tapeflow.execution;

import io.tapeflow.transfer.ChecksumType;
import io.tapeflow.transfer.ConflictResolver;
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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/**
 * Carries one source entry to every destination and says how it went. A move deletes the source only
 * once every copy has been read back and matched its checksum. Used by several copy threads at once.
 *
 * <p>After an unclean interruption (a node died, or a pause with several files in flight), the first
 * files after the checkpoint may already be at the destination: until the next checkpoint, a target
 * (or a numbered variant of it) with the source's size and modification time is taken as that copy
 * rather than copied again, so a crash never leaves duplicates.
 */
final class FileTransfer {

    /** What happened to one entry; a failure says why. */
    record Outcome(Kind kind, String reason) {
        enum Kind { COPIED, SKIPPED, FAILED, NOT_A_FILE }

        static final Outcome COPIED = new Outcome(Kind.COPIED, null);
        static final Outcome SKIPPED = new Outcome(Kind.SKIPPED, null);
        static final Outcome NOT_A_FILE = new Outcome(Kind.NOT_A_FILE, null);

        /** Logs the failure of an entry and answers it. */
        static Outcome failed(PendingLog log, SourceEntry entry, String reason) {
            log.error(entry.relative(), reason);
            return new Outcome(Kind.FAILED, reason);
        }

        boolean isFailure() {
            return kind == Kind.FAILED;
        }
    }

    private final ThreadLocal<FileCopier> copiers = ThreadLocal.withInitial(FileCopier::new);
    private final CopyOptions options;
    private final boolean move;
    private final boolean resetFileDate;
    private final PendingLog log;
    private volatile boolean recovering;

    FileTransfer(CopyOptions options, boolean move, boolean resetFileDate, boolean recovering, PendingLog log) {
        this.resetFileDate = resetFileDate;
        this.recovering = recovering;
        // A move must verify its copies, so it always checksums.
        this.options = move && options.checksum() == ChecksumType.none ? options.withChecksum(ChecksumType.DEFAULT) : options;
        this.move = move;
        this.log = log;
    }

    Outcome process(SourceEntry entry, List<Path> targets) {
        return switch (entry.kind()) {
            case FILE -> copy(entry, targets);
            case EMPTY_DIRECTORY -> {
                targets.forEach(Directories::create);
                yield Outcome.NOT_A_FILE;
            }
            case SYMLINK -> {
                log.warn(entry.relative(), "skipped: symbolic links are not followed");
                yield Outcome.NOT_A_FILE;
            }
            case UNREADABLE_DIRECTORY -> Outcome.failed(log, entry, "directory cannot be read; its content was not copied");
            case OTHER -> {
                log.warn(entry.relative(), "skipped: not a regular file");
                yield Outcome.NOT_A_FILE;
            }
            case MISSING -> Outcome.failed(log, entry, "failed: no longer exists");
        };
    }

    private Outcome copy(SourceEntry entry, List<Path> targets) {
        boolean skippedAll = true;
        boolean copiedAll = true;
        for (Path target : targets) {
            try {
                if (recovering) {
                    removeTempFilesOf(target);
                }
                Path earlier = recovering ? earlierCopy(entry, target) : null;
                if (earlier != null && move && !sameContent(entry.absolute(), earlier)) {
                    earlier = null; // a move deletes its source: only a byte-identical copy may stand for it
                }
                if (earlier != null) {
                    skippedAll = false;
                    log.info(entry.relative(), "already copied to " + earlier + " before the interruption");
                    continue;
                }
                CopyOutcome outcome = copiers.get().copy(entry.absolute(), target, options);
                if (outcome instanceof CopyResult result) {
                    skippedAll = false;
                    String mismatch = move ? mismatch(result) : null;
                    if (mismatch != null) {
                        return Outcome.failed(log, entry, "failed: " + mismatch + "; the source was kept");
                    }
                    if (resetFileDate) {
                        Files.setLastModifiedTime(result.finalTarget(), FileTime.from(Instant.now()));
                    }
                    log.info(entry.relative(), "copied to " + result.finalTarget()
                            + " (" + result.bytes() + " bytes, " + result.type() + " " + result.checksum() + ")");
                } else {
                    copiedAll = false;
                    log.info(entry.relative(), "skipped: " + target + " exists (conflict resolution ignore)");
                }
            } catch (TransferFailure failure) {
                return Outcome.failed(log, entry, "failed: " + failure.reason());
            } catch (IOException e) {
                return Outcome.failed(log, entry, "failed at " + target + ": " + e.getMessage());
            }
        }
        if (move && !skippedAll && !copiedAll) {
            log.warn(entry.relative(), "kept: not every destination received a copy, so the source stays");
        } else if (move && !skippedAll) {
            try {
                Files.delete(entry.absolute());
            } catch (IOException e) {
                return Outcome.failed(log, entry, "copied but the source could not be deleted: " + e.getMessage());
            }
        }
        return skippedAll ? Outcome.SKIPPED : Outcome.COPIED;
    }

    /** An entry that cannot go where it should (say, its target would leave the container). */
    Outcome refuse(SourceEntry entry, String reason) {
        return Outcome.failed(log, entry, "failed: " + reason);
    }

    /** The recovery window is over: from the first checkpoint of this job on, every copy is new. */
    void recovered() {
        recovering = false;
    }

    /** Deletes the temp files an interrupted copy to this target left (hidden {@code .<name>.tapeflow-<token>.part}). */
    private static void removeTempFilesOf(Path target) throws IOException {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".tapeflow-";
        try (var temps = Files.newDirectoryStream(dir, path -> path.getFileName().toString().startsWith(prefix)
                && FileCopier.isTempFile(path))) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** A copy this execution made before it was interrupted: same size and modification time. */
    private static Path earlierCopy(SourceEntry entry, Path target) throws IOException {
        for (int n = 0; n < 1000; n++) {
            Path candidate = n == 0 ? target : target.resolveSibling(ConflictResolver.numberedName(target.getFileName().toString(), n));
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            if (Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS) && Files.size(candidate) == entry.size()
                    && Files.getLastModifiedTime(candidate, LinkOption.NOFOLLOW_LINKS).equals(entry.mtime())) {
                return candidate;
            }
        }
        return null;
    }

    private boolean sameContent(Path source, Path copy) {
        try {
            return Files.mismatch(source, copy) == -1;
        } catch (IOException e) {
            return false;
        }
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
