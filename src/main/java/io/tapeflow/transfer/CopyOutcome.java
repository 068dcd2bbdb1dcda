package io.tapeflow.transfer;

import java.nio.file.Path;

/** What {@link FileCopier#copy} did: {@link CopyResult} when the file was copied, {@link Skipped} when it was not. */
public sealed interface CopyOutcome permits CopyResult, CopyOutcome.Skipped {

    /**
     * The target existed and the policy was {@link ConflictPolicy#IGNORE}; nothing was written.
     *
     * @param existing the file that was kept
     */
    record Skipped(Path existing) implements CopyOutcome {
    }
}
