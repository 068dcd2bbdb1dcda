package io.tapeflow.retry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;
import io.tapeflow.task.TaskStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Which executions a batch retries: by id, or by the status they ended in. */
@Serdeable
public record RetryBatchRequest(
        @Nullable @Schema(description = "execution ids (numbers or strings), at most 1000") List<String> ids,
        @Nullable @Schema(description = "a status runs end in: done, finished_with_warnings, error, stopped_by_user or stopped_by_system")
        TaskStatus status,
        @Schema(description = "with status: everyone's executions (admins only)") boolean all) {

    static RetryBatchRequest read(JsonNode node, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, Set.of("ids", "status", "all"), Set.of(), errors);
        List<String> ids = ids(body.array("ids"), errors);
        TaskStatus status = body.enumeration("status", TaskStatus.class);
        Boolean all = body.bool("all");
        if (status != null && TaskStatus.UNFINISHED.contains(status) || status == TaskStatus.not_activated) {
            errors.add("status", "inclusion", status.name(), "status must be one a run ends in: done, finished_with_warnings, error,"
                    + " stopped_by_user or stopped_by_system");
        }
        if (body.has("ids") == body.has("status") && !errors.has("ids") && !errors.has("status")) {
            errors.add("ids", "blank", "give either ids or status");
        }
        if (ids != null && all != null) {
            errors.add("all", "invalid", "all goes with status, not with ids");
        }
        return new RetryBatchRequest(ids, status, Boolean.TRUE.equals(all));
    }

    private static List<String> ids(List<JsonNode> elements, FieldErrors errors) {
        if (elements == null) {
            return null;
        }
        if (elements.isEmpty() || elements.size() > RetryService.MAX_BATCH) {
            errors.add("ids", elements.isEmpty() ? "blank" : "too_long", "ids must hold 1 to " + RetryService.MAX_BATCH + " ids");
            return null;
        }
        List<String> ids = new ArrayList<>(elements.size());
        for (JsonNode element : elements) {
            if (element.isNumber() && element.getNumberValue().doubleValue() == Math.rint(element.getNumberValue().doubleValue())) {
                ids.add(String.valueOf(element.getNumberValue().longValue()));
            } else if (element.isString() && !element.getStringValue().isBlank()) {
                ids.add(element.getStringValue().trim());
            } else {
                errors.add("ids", "invalid", "each id is a number or a string");
                return null;
            }
        }
        return ids.stream().distinct().toList();
    }
}
