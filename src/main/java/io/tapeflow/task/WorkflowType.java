package io.tapeflow.task;

/** The tier a task's data moves in. Constants are the API's wire values, which existing clients know by heart. */
public enum WorkflowType {
    active_archive, offline_archive, data_exchange, data_migration, maintenance, data_enrichment
}
