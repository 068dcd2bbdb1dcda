package io.tapeflow.task;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.authentication.Authentication;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.security.Caller;

/**
 * What the sources and the destinations controllers do, once for both: they differ only in their
 * kind, routes and scopes (which each endpoint must declare on itself).
 */
final class TaskEndpointActions {

    private final EndpointKind kind;
    private final TaskService tasks;
    private final TaskEndpointService endpoints;

    TaskEndpointActions(EndpointKind kind, TaskService tasks, TaskEndpointService endpoints) {
        this.kind = kind;
        this.tasks = tasks;
        this.endpoints = endpoints;
    }

    TaskEndpointList list(String taskId, Authentication authentication) {
        Task task = tasks.find(taskId, Caller.of(authentication));
        return TaskEndpointList.of(kind, endpoints.list(kind, task.id()).stream().map(e -> TaskEndpointView.of(kind, e)).toList());
    }

    TaskEndpointView create(String taskId, JsonNode body, Authentication authentication) {
        Task task = tasks.find(taskId, Caller.of(authentication));
        return TaskEndpointView.of(kind, endpoints.create(kind, task.id(), read(body, true)));
    }

    TaskEndpointView get(String taskId, String id, Authentication authentication) {
        Task task = tasks.find(taskId, Caller.of(authentication));
        return TaskEndpointView.of(kind, endpoints.find(kind, task.id(), id));
    }

    TaskEndpointView update(String taskId, String id, JsonNode body, Authentication authentication) {
        Task task = tasks.find(taskId, Caller.of(authentication));
        TaskEndpoint endpoint = endpoints.find(kind, task.id(), id);
        return TaskEndpointView.of(kind, endpoints.update(kind, endpoint, read(body, false)));
    }

    void destroy(String taskId, String id, Authentication authentication) {
        Task task = tasks.find(taskId, Caller.of(authentication));
        endpoints.delete(kind, endpoints.find(kind, task.id(), id));
    }

    private TaskEndpointRequest read(JsonNode body, boolean complete) {
        FieldErrors errors = new FieldErrors();
        TaskEndpointRequest request = TaskEndpointRequest.read(kind, body, complete, errors);
        errors.throwIfAny();
        return request;
    }
}
