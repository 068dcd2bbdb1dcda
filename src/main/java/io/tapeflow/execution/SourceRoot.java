package io.tapeflow.execution;

import io.tapeflow.container.ContainerRoot;
import io.tapeflow.container.ContainerService;
import io.tapeflow.task.TaskEndpoint;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A source's real path, the folder name its content gets at the destination ("" for none), its
 * container and its real path inside it ({@code /} for the root): a folder source keeps its own name,
 * as {@code cp -r} does; the container root and a single file do not.
 */
public record SourceRoot(Path path, String targetPrefix, long containerId, boolean wholeContainer, String containerPath) {

    /** @throws io.tapeflow.api.ApiException 422 when the path leaves the container */
    public static SourceRoot of(ContainerRoot root, String path, long containerId) {
        Path resolved = root.resolve(path);
        // Decided on the resolved path: a folder that became a link to the root is the whole container.
        boolean wholeContainer = resolved.equals(root.path());
        String inContainer = "/" + root.path().relativize(resolved).toString().replace(java.io.File.separatorChar, '/');
        return new SourceRoot(resolved, wholeContainer || !Files.isDirectory(resolved) ? "" : resolved.getFileName().toString(),
                containerId, wholeContainer, inContainer);
    }

    /** The source a container endpoint of a task names. */
    public static SourceRoot of(ContainerService containers, TaskEndpoint endpoint) {
        return of(ContainerRoot.of(containers.find(endpoint.containerId())), endpoint.path(), endpoint.containerId());
    }

    /** Where an entry of this source goes, relative to the destination folder. */
    public String targetOf(String relative) {
        return targetPrefix.isEmpty() ? relative : targetPrefix + "/" + relative;
    }

    /** Whether the source is one file (or was planned as one), whose only entry is itself. */
    public boolean singleFile() {
        return !wholeContainer && targetPrefix.isEmpty();
    }

    /** The container-relative path of an entry of this source ("" names the source itself). */
    public String containerPathOf(String relative) {
        if (relative.isEmpty() || singleFile()) {
            return containerPath;
        }
        return wholeContainer ? "/" + relative : containerPath + "/" + relative;
    }

    /**
     * The path below this source of a container-relative path: "" for the source itself, null when
     * the path is not inside this source. The inverse of {@link #containerPathOf}.
     */
    public String relativeOf(long container, String inContainer) {
        if (container != containerId) {
            return null;
        }
        if (inContainer.equals(containerPath)) {
            return "";
        }
        if (singleFile()) {
            return null;
        }
        String prefix = wholeContainer ? "/" : containerPath + "/";
        return inContainer.startsWith(prefix) ? inContainer.substring(prefix.length()) : null;
    }
}
