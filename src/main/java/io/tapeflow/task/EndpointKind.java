package io.tapeflow.task;

/** Sources and destinations of a task share one shape; they differ in table and path field. */
public enum EndpointKind {
    SOURCE("task_source", "file_path", "task source"),
    DESTINATION("task_destination", "folder_path", "task destination");

    private final String table;
    private final String pathField;
    private final String label;

    EndpointKind(String table, String pathField, String label) {
        this.table = table;
        this.pathField = pathField;
        this.label = label;
    }

    public String table() {
        return table;
    }

    /** The JSON field and column holding the container-relative path. */
    public String pathField() {
        return pathField;
    }

    public String label() {
        return label;
    }
}
