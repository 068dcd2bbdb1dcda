package io.tapeflow.task;

/**
 * What a task does. Constants are the API's wire values. Values of the vendor's list that Tapeflow does
 * not carry out are refused when a task is created or updated, never accepted and silently skipped.
 */
public enum WorkflowAction {
    copy(true), move(true), erase(true), scan(true), rehydratation(true), format(true),
    check_consistency(true), duplication(true), cache_cleaning(false), ejection(true), get_index(false),
    full_backup(false), incremental_backup(false);

    private final boolean supported;

    WorkflowAction(boolean supported) {
        this.supported = supported;
    }

    public boolean isSupported() {
        return supported;
    }
}
