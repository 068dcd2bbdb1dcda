package io.tapeflow.task;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.util.Set;
import java.util.stream.Stream;

/**
 * A source or destination as a client writes it: a container, a pool or a tape (each by id or by
 * name/barcode), and the path (default {@code /}). Null means "not sent".
 */
@Serdeable
public record TaskEndpointRequest(Long containerId, String containerName, Long poolId, String poolName,
                                  Long tapeId, String tapeBarcode, String filePath, String folderPath) {

    private static final Set<String> READ_ONLY = Set.of("id", "task_id");

    static TaskEndpointRequest read(EndpointKind kind, JsonNode node, boolean complete, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, Set.of("container_id", "container_name", "pool_id", "pool_name",
                "tape_id", "tape_barcode", kind.pathField()), READ_ONLY, errors);
        Long containerId = id(body, "container_id");
        String containerName = body.text("container_name", 255, false);
        Long poolId = id(body, "pool_id");
        String poolName = body.text("pool_name", 255, false);
        Long tapeId = id(body, "tape_id");
        String tapeBarcode = body.text("tape_barcode", 32, false);
        String path = body.text(kind.pathField(), 4000, false);
        TaskEndpointRequest request = new TaskEndpointRequest(containerId, containerName, poolId, poolName, tapeId, tapeBarcode,
                kind == EndpointKind.SOURCE ? path : null, kind == EndpointKind.DESTINATION ? path : null);
        long targets = Stream.of(request.namesContainer(), request.namesPool(), request.namesTape()).filter(b -> b).count();
        if (targets > 1) {
            errors.add("container_id", "invalid", "name one of a container, a pool or a tape, not several");
        } else if (complete && targets == 0 && !errors.has("container_id")) {
            errors.add("container_id", "blank", "container_id or container_name is required (or pool_id/pool_name, tape_id/tape_barcode)");
        }
        return request;
    }

    private static Long id(JsonBody body, String field) {
        Integer id = body.integer(field, 1, Integer.MAX_VALUE);
        return id == null ? null : id.longValue();
    }

    boolean namesContainer() {
        return containerId != null || containerName != null;
    }

    boolean namesPool() {
        return poolId != null || poolName != null;
    }

    boolean namesTape() {
        return tapeId != null || tapeBarcode != null;
    }

    boolean namesTarget() {
        return namesContainer() || namesPool() || namesTape();
    }

    String path() {
        return filePath != null ? filePath : folderPath;
    }
}
