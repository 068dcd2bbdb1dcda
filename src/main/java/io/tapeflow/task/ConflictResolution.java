package io.tapeflow.task;

/** What a run does when a file of the same name exists at the destination. Constants are the API's wire values, which existing clients know by heart. */
public enum ConflictResolution {
    rename, overwrite, ignore
}
