package io.tapeflow.transfer;

/** What to do when the target of a copy already exists (the task's {@code conflict_resolution}). */
public enum ConflictPolicy {
    /** Keep the existing file and write the copy beside it as {@code name (1).ext}, {@code name (2).ext}, ... */
    RENAME,
    /** Replace the existing file atomically. */
    OVERWRITE,
    /** Keep the existing file and skip the copy. */
    IGNORE
}
