package io.tapeflow.transfer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the directory entry of a published copy is made durable. A rename survives a power cut only
 * once its directory is flushed: at once by default, or, for a run that commits checkpoints, once
 * per directory just before the checkpoint that covers the copies ({@link #deferred()}), which
 * saves one fsync per file on trees of small files.
 */
public interface DirectorySync {

    /** Flushes each directory as soon as a copy lands in it. */
    DirectorySync IMMEDIATE = Directories::fsync;

    /** A copy was published in {@code dir}. */
    void published(Path dir);

    static Deferred deferred() {
        return new Deferred();
    }

    /** Collects directories; {@link #flush()} makes every copy published so far durable. Thread-safe. */
    final class Deferred implements DirectorySync {

        private final Set<Path> pending = ConcurrentHashMap.newKeySet();

        @Override
        public void published(Path dir) {
            pending.add(dir);
        }

        /** Flushes every directory a copy was published in since the last flush. */
        public void flush() {
            List<Path> dirs = new ArrayList<>(pending);
            pending.removeAll(dirs);
            dirs.forEach(Directories::fsync);
        }
    }
}
