package io.tapeflow.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Directory operations that survive a crash: what is created or renamed is also flushed to disk. */
public final class Directories {

    private Directories() {
    }

    /**
     * Creates {@code dir} and its missing parents, and flushes each new entry to disk (so the runner can recreate an
     * empty source directory, and the copier the parents of a target).
     *
     * @throws TransferFailure when a file is in the way or the parent is not writable
     */
    public static void create(Path dir) {
        Path absolute = dir.toAbsolutePath();
        List<Path> missing = new ArrayList<>();
        for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.add(p);
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw TransferFailure.target(absolute, e);
        }
        // why: a new directory is only durable once the directory holding its entry is flushed too
        for (Path created : missing) {
            fsync(created.getParent());
        }
    }

    /**
     * Flushes a directory's entries (a rename or a new file in it) to disk, where the platform allows opening a
     * directory for that; elsewhere (Windows) this does nothing.
     */
    public static void fsync(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // why: some platforms and file systems refuse to open or sync a directory; the data itself is synced
        }
    }
}
