package io.tapeflow.execution;

import io.tapeflow.transfer.ChecksumType;
import io.tapeflow.transfer.ConflictResolver;
import io.tapeflow.transfer.CopyOptions;
import io.tapeflow.transfer.CopyOutcome;
import io.tapeflow.transfer.CopyResult;
import io.tapeflow.transfer.Directories;
import io.tapeflow.transfer.FileCopier;
import io.tapeflow.transfer.SourceEntry;
import io.tapeflow.transfer.StagedCopy;
import io.tapeflow.transfer.StreamingChecksum;
import io.tapeflow.transfer.TransferFailure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries one source entry to every destination and says how it went. A move deletes the source only
 * once every copy has been read back and matched its checksum. Used by several copy threads at once:
 * each entry is staged on a streaming thread, then published on a flushing one ({@link OrderedPipeline}).
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

    /**
     * The first step of an entry's work, on a streaming thread: its bytes go to temp files beside every target
     * (or whatever else its kind needs). Answers the second step, which flushes, names and reports them.
     */
    OrderedPipeline.Finish process(SourceEntry entry, List<Path> targets) {
        return switch (entry.kind()) {
            case FILE -> stage(entry, targets);
            case EMPTY_DIRECTORY -> {
                targets.forEach(Directories::create);
                yield done(Outcome.NOT_A_FILE);
            }
            case SYMLINK -> {
                log.warn(entry.relative(), "skipped: symbolic links are not followed");
                yield done(Outcome.NOT_A_FILE);
            }
            case UNREADABLE_DIRECTORY -> done(Outcome.failed(log, entry, "directory cannot be read; its content was not copied"));
            case OTHER -> {
                log.warn(entry.relative(), "skipped: not a regular file");
                yield done(Outcome.NOT_A_FILE);
            }
            case MISSING -> done(Outcome.failed(log, entry, "failed: no longer exists"));
        };
    }

    static OrderedPipeline.Finish done(Outcome outcome) {
        return () -> outcome;
    }

    /** A target's staged copy; {@code staged} is null when an earlier copy of this execution is recognised there. */
    private record Staged(Path target, StagedCopy staged) {
    }

    private OrderedPipeline.Finish stage(SourceEntry entry, List<Path> targets) {
        List<Staged> staged = new ArrayList<>();
        try {
            for (Path target : targets) {
                if (recovering) {
                    removeTempFilesOf(target);
                }
                Path earlier = recovering ? earlierCopy(entry, target) : null;
                if (earlier != null && move && !sameContent(entry.absolute(), earlier)) {
                    earlier = null; // a move deletes its source: only a byte-identical copy may stand for it
                }
                if (earlier != null) {
                    log.info(entry.relative(), "already copied to " + earlier + " before the interruption");
                    staged.add(new Staged(target, null));
                    continue;
                }
                staged.add(new Staged(target, copiers.get().stage(entry.absolute(), target, options)));
            }
        } catch (TransferFailure failure) {
            discard(staged, 0);
            return done(Outcome.failed(log, entry, "failed: " + failure.reason()));
        } catch (IOException e) {
            discard(staged, 0);
            return done(Outcome.failed(log, entry, "failed at " + targets.get(staged.size()) + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            discard(staged, 0);
            throw e;
        }
        return () -> publish(entry, staged);
    }

    /** The second step, on a flushing thread: names every staged copy, then (a move) deletes the source. */
    private Outcome publish(SourceEntry entry, List<Staged> staged) {
        boolean skippedAll = true;
        boolean copiedAll = true;
        for (int i = 0; i < staged.size(); i++) {
            Staged copy = staged.get(i);
            if (copy.staged() == null) {
                skippedAll = false;
                continue;
            }
            try {
                CopyOutcome outcome = copy.staged().publish();
                if (outcome instanceof CopyResult result) {
                    skippedAll = false;
                    String mismatch = move ? mismatch(result) : null;
                    if (mismatch != null) {
                        discard(staged, i + 1);
                        return Outcome.failed(log, entry, "failed: " + mismatch + "; the source was kept");
                    }
                    if (resetFileDate) {
                        Files.setLastModifiedTime(result.finalTarget(), FileTime.from(Instant.now()));
                    }
                    log.info(entry.relative(), "copied to " + result.finalTarget()
                            + " (" + result.bytes() + " bytes, " + result.type() + " " + result.checksum() + ")");
                } else {
                    copiedAll = false;
                    log.info(entry.relative(), "skipped: " + copy.target() + " exists (conflict resolution ignore)");
                }
            } catch (TransferFailure failure) {
                discard(staged, i + 1);
                return Outcome.failed(log, entry, "failed: " + failure.reason());
            } catch (IOException e) {
                discard(staged, i + 1);
                return Outcome.failed(log, entry, "failed at " + copy.target() + ": " + e.getMessage());
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

    private static void discard(List<Staged> staged, int from) {
        for (Staged copy : staged.subList(from, staged.size())) {
            if (copy.staged() != null) {
                copy.staged().discard();
            }
        }
    }

    /** An entry that cannot go where it should (say, its target would leave the container). */
    OrderedPipeline.Finish refuse(SourceEntry entry, String reason) {
        return done(Outcome.failed(log, entry, "failed: " + reason));
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
