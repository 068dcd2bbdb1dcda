package io.tapeflow.execution;

import io.tapeflow.container.ContainerRoot;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A source's real path, the folder name its content gets at the destination ("" for none) and its
 * container: a folder source keeps its own name, as {@code cp -r} does; the container root and a single
 * file do not.
 */
public record SourceRoot(Path path, String targetPrefix, long containerId, boolean wholeContainer) {

    /** @throws io.tapeflow.api.ApiException 422 when the path leaves the container */
    public static SourceRoot of(ContainerRoot root, String path, long containerId) {
        Path resolved = root.resolve(path);
        // Decided on the resolved path: a folder that became a link to the root is the whole container.
        boolean wholeContainer = resolved.equals(root.path());
        return new SourceRoot(resolved, wholeContainer || !Files.isDirectory(resolved) ? "" : resolved.getFileName().toString(),
                containerId, wholeContainer);
    }

    /** Where an entry of this source goes, relative to the destination folder. */
    public String targetOf(String relative) {
        return targetPrefix.isEmpty() ? relative : targetPrefix + "/" + relative;
    }
}
