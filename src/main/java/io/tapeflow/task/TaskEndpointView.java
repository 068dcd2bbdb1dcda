package io.tapeflow.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/** A source shows {@code file_path}, a destination {@code folder_path}; pool and tape fields only when it names one. */
@Serdeable
public record TaskEndpointView(long id, long taskId, Long containerId, String containerName,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long poolId,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String poolName,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long tapeId,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String tapeBarcode,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String filePath,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String folderPath) {

    static TaskEndpointView of(EndpointKind kind, TaskEndpoint endpoint) {
        boolean source = kind == EndpointKind.SOURCE;
        return new TaskEndpointView(endpoint.id(), endpoint.taskId(), endpoint.containerId(), endpoint.containerName(),
                endpoint.poolId(), endpoint.poolName(), endpoint.tapeId(), endpoint.tapeBarcode(),
                source ? endpoint.path() : null, source ? null : endpoint.path());
    }
}
