package io.tapeflow.task;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.util.Set;

/**
 * A source or destination as a client writes it: the container by id or by name, and the path inside
 * it (default {@code /}). Null means "not sent".
 */
@Serdeable
public record TaskEndpointRequest(Long containerId, String containerName, String filePath, String folderPath) {

    private static final Set<String> READ_ONLY = Set.of("id", "task_id");

    static TaskEndpointRequest read(EndpointKind kind, JsonNode node, boolean complete, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, Set.of("container_id", "container_name", kind.pathField()), READ_ONLY, errors);
        Integer containerId = body.integer("container_id", 1, Integer.MAX_VALUE);
        String containerName = body.text("container_name", 255, false);
        if (complete && containerId == null && containerName == null && !errors.has("container_id")) {
            errors.add("container_id", "blank", "container_id or container_name is required");
        }
        String path = body.text(kind.pathField(), 4000, false);
        return new TaskEndpointRequest(containerId == null ? null : containerId.longValue(), containerName,
                kind == EndpointKind.SOURCE ? path : null, kind == EndpointKind.DESTINATION ? path : null);
    }

    String path() {
        return filePath != null ? filePath : folderPath;
    }
}
