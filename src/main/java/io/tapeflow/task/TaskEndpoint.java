package io.tapeflow.task;

/**
 * A place a task reads from (a file or folder) or writes to (a folder): exactly one of a container, a
 * pool or a tape, and a path. In a container the path is container-relative; in a pool or on a tape it
 * is a path of the archive (what the catalog records), so a restore can name a subset.
 */
public record TaskEndpoint(long id, long taskId, Long containerId, String containerName, Long poolId, String poolName,
                           Long tapeId, String tapeBarcode, String path) {

    public boolean isContainer() {
        return containerId != null;
    }

    public boolean isPool() {
        return poolId != null;
    }

    public boolean isTape() {
        return tapeId != null;
    }
}
