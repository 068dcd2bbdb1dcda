package io.tapeflow.transfer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ConflictResolver} decided for one target: where to write, and whether that replaces a file.
 *
 * @param action what to do
 * @param path   the path to write ({@link Action#WRITE}, {@link Action#REPLACE}) or the existing file kept ({@link Action#SKIP})
 */
public record Resolution(Action action, Path path) {

    /** The three possible answers. */
    public enum Action {
        /** Nothing is at {@code path}: write there (the intended target, or a free numbered name). */
        WRITE,
        /** A file is at {@code path} and is to be replaced. */
        REPLACE,
        /** A file is at {@code path} and is kept; do not copy. */
        SKIP
    }

    public Resolution {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(path, "path");
    }
}
