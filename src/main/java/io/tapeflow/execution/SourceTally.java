package io.tapeflow.execution;

import io.tapeflow.transfer.SourceEntry;
import io.tapeflow.transfer.SourceWalker;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

/** How many files and bytes a source holds, counted by one streaming walk (constant memory). */
public record SourceTally(long files, long bytes) {

    public static final SourceTally NONE = new SourceTally(0, 0);

    /** @throws RuntimeException when the source cannot be read */
    public static SourceTally of(Path source) {
        return count(SourceWalker.walk(source));
    }

    /** Counts the files of the entries, and closes them. */
    public static SourceTally count(Stream<SourceEntry> entries) {
        long files = 0;
        long bytes = 0;
        try (entries) {
            for (Iterator<SourceEntry> it = entries.iterator(); it.hasNext(); ) {
                SourceEntry entry = it.next();
                if (entry.kind() == SourceEntry.Kind.FILE) {
                    files++;
                    bytes += entry.size();
                }
            }
        }
        return new SourceTally(files, bytes);
    }

    public SourceTally plus(SourceTally other) {
        return new SourceTally(files + other.files, bytes + other.bytes);
    }
}
