package io.tapeflow.task;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a task its owner writes; null means "not sent" (an update keeps the current value).
 * Read-only fields that clients send back (id, status, sizes, ...) are accepted and ignored.
 */
@Serdeable
public record TaskRequest(String name, String comment, WorkflowType workflowType, WorkflowAction workflowAction,
                          EndpointType sourceType, EndpointType destinationType, Integer priority,
                          ConflictResolution conflictResolution, Boolean activate, Long bandwidthLimit, Boolean confirmErase,
                          List<TaskEndpointRequest> sources, List<TaskEndpointRequest> destinations,
                          Map<TaskOptionType, String> options) {

    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 10;
    private static final Set<String> WRITABLE = Set.of("name", "comment", "workflow_type", "workflow_action",
            "source_type", "destination_type", "priority", "conflict_resolution", "activate", "bandwidth_limit", "confirm_erase",
            "sources", "destinations", "options");
    private static final Set<String> READ_ONLY = Set.of("id", "action", "status", "progress", "job_started",
            "job_finished", "processed_size", "to_process_size", "creation_date", "modification_date",
            "creation_username", "modification_username");

    /**
     * @param complete whether this creates a task, so that required fields must be present
     */
    static TaskRequest read(JsonNode node, boolean complete, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, WRITABLE, READ_ONLY, errors);
        // On update a field sent as null or "" is as good as absent for the required ones.
        String name = body.text("name", 255, complete);
        String comment = body.text("comment", 4000, false);
        WorkflowType workflowType = body.enumeration("workflow_type", WorkflowType.class);
        WorkflowAction workflowAction = body.enumeration("workflow_action", WorkflowAction.class);
        if (workflowAction != null && !workflowAction.isSupported()) {
            errors.add("workflow_action", "inclusion", workflowAction.name(),
                    "workflow_action " + workflowAction.name() + " is not supported by Tapeflow");
        }
        if (complete) {
            requirePresent(body, "workflow_type", errors);
            requirePresent(body, "workflow_action", errors);
        }
        return new TaskRequest(name, comment, workflowType, workflowAction,
                body.enumeration("source_type", EndpointType.class),
                body.enumeration("destination_type", EndpointType.class),
                body.integer("priority", MIN_PRIORITY, MAX_PRIORITY),
                body.enumeration("conflict_resolution", ConflictResolution.class),
                body.bool("activate"),
                bandwidthLimit(body),
                body.bool("confirm_erase"),
                endpoints(EndpointKind.SOURCE, body.array("sources"), "sources", errors),
                endpoints(EndpointKind.DESTINATION, body.array("destinations"), "destinations", errors),
                body.has("options") ? TaskOptionRequest.readInline(node.get("options"), errors) : null);
    }

    /** Bytes per second; 0 clears the limit, absent keeps it. */
    private static Long bandwidthLimit(JsonBody body) {
        return body.wholeNumber("bandwidth_limit", 0, Long.MAX_VALUE);
    }

    /** Inline sources or destinations; null when not sent (an update then keeps the current ones). */
    private static List<TaskEndpointRequest> endpoints(EndpointKind kind, List<JsonNode> elements, String field, FieldErrors errors) {
        if (elements == null) {
            return null;
        }
        List<TaskEndpointRequest> requests = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            FieldErrors elementErrors = new FieldErrors();
            JsonNode element = elements.get(i);
            if (!element.isObject()) {
                errors.add(field + "[" + i + "]", "invalid", field + "[" + i + "] must be an object");
                continue;
            }
            requests.add(TaskEndpointRequest.read(kind, element, true, elementErrors));
            errors.nest(field + "[" + i + "]", elementErrors);
        }
        return requests;
    }

    private static void requirePresent(JsonBody body, String field, FieldErrors errors) {
        if (!body.has(field) && !errors.has(field)) {
            errors.add(field, "blank", field + " can't be blank");
        }
    }
}
