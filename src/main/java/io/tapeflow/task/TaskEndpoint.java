package io.tapeflow.task;

/**
 * A place a task reads from (a file or folder) or writes to (a folder): a container-relative path in
 * one container. Pools and tapes join this shape with the tape library.
 */
public record TaskEndpoint(long id, long taskId, long containerId, String containerName, String path) {
}
