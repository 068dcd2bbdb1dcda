package io.tapeflow.execution;

import io.tapeflow.transfer.SourceEntry;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;

/**
 * The erase workflow: deletes what a source holds, one logged entry at a time (symbolic links are
 * removed themselves, never followed), then the directories it emptied.
 */
final class Eraser {

    private final PendingLog log;

    Eraser(PendingLog log) {
        this.log = log;
    }

    FileTransfer.Outcome process(SourceEntry entry) {
        try {
            switch (entry.kind()) {
                case FILE -> {
                    Files.delete(entry.absolute());
                    log.info(entry.relative(), "erased (" + entry.size() + " bytes)");
                    return FileTransfer.Outcome.COPIED;
                }
                case SYMLINK, EMPTY_DIRECTORY -> {
                    Files.delete(entry.absolute());
                    log.info(entry.relative(), "erased");
                    return FileTransfer.Outcome.NOT_A_FILE;
                }
                case UNREADABLE_DIRECTORY -> {
                    return FileTransfer.Outcome.failed(log, entry, "directory cannot be read; its content was not erased");
                }
                case MISSING -> {
                    log.info(entry.relative(), "already gone");
                    return FileTransfer.Outcome.SKIPPED;
                }
                default -> {
                    log.warn(entry.relative(), "skipped: not a regular file");
                    return FileTransfer.Outcome.NOT_A_FILE;
                }
            }
        } catch (NoSuchFileException gone) {
            log.info(entry.relative(), "already gone");
            return FileTransfer.Outcome.SKIPPED;
        } catch (IOException e) {
            return FileTransfer.Outcome.failed(log, entry, "cannot erase: " + e.getMessage());
        }
    }

    /** Removes the directories left empty below {@code root} (and {@code root} itself when asked). */
    void removeEmptiedDirectories(Path root, boolean includingRoot) {
        if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException error) {
                    if (error == null && (includingRoot || !dir.equals(root))) {
                        try {
                            Files.delete(dir);
                        } catch (DirectoryNotEmptyException kept) {
                            // something was left in it (a failure, or a file added meanwhile): keep it
                        } catch (IOException e) {
                            log.warn(dir.toString(), "directory not removed: " + e.getMessage());
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn(root.toString(), "emptied directories not removed: " + e.getMessage());
        }
    }
}
