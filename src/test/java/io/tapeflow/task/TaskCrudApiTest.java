package io.tapeflow.task;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class TaskCrudApiTest extends ApiTestSupport {

    private static final List<String> CONTRACT_FIELDS = List.of("id", "name", "comment", "workflow_type",
            "workflow_action", "source_type", "destination_type", "priority", "conflict_resolution", "action",
            "activate", "creation_date", "modification_date", "creation_username", "modification_username",
            "status", "progress", "job_started", "job_finished", "processed_size", "to_process_size");

    @Test
    void createdTaskShowsEveryContractFieldWithDefaults() {
        ApiResponse created = post("/api/v2/tasks", Map.of("name", "nightly", "workflow_type", "active_archive",
                "workflow_action", "copy"), ADMIN);

        assertEquals(201, created.status(), created.raw());
        assertEquals(CONTRACT_FIELDS, List.copyOf(created.body().keySet()).subList(0, CONTRACT_FIELDS.size()));
        assertEquals(List.of("bandwidth_limit", "confirm_erase"), List.copyOf(created.body().keySet()).subList(CONTRACT_FIELDS.size(), created.body().size()));
        assertEquals(5, created.get("priority"));
        assertEquals("rename", created.get("conflict_resolution"));
        assertEquals(true, created.get("activate"));
        assertEquals("noop", created.get("action"));
        assertEquals("not_activated", created.get("status"));
        assertEquals("admin", created.get("creation_username"));
        assertEquals(0, created.get("progress"));
        assertNull(created.get("job_started"));
        assertTrue(((String) created.get("creation_date")).endsWith("Z"), "ISO-8601 UTC");
    }

    @Test
    void taskIsFoundByIdAndByName() {
        long id = createTask(ADMIN, Map.of("name", "find-me")).id();

        assertEquals("find-me", get("/api/v2/tasks/" + id, ADMIN).get("name"));
        assertEquals(id, get("/api/v2/tasks/find-me", ADMIN).id());
        assertEquals(404, get("/api/v2/tasks/no-such-task", ADMIN).status());
        assertEquals(404, get("/api/v2/tasks/999999999", ADMIN).status());
    }

    @Test
    void ambiguousNameIsAConflictNamingTheIds() {
        long first = createTask(ADMIN, Map.of("name", "twin")).id();
        long second = createTask(ADMIN, Map.of("name", "twin")).id();

        ApiResponse response = get("/api/v2/tasks/twin", ADMIN);

        assertEquals(409, response.status());
        assertTrue(response.messages().get(0).contains(first + ", " + second), response.raw());
    }

    @Test
    void updateChangesOnlyTheFieldsItCarries() {
        long id = createTask(ADMIN, Map.of("name", "partial", "comment", "keep me", "priority", 3)).id();

        ApiResponse updated = put("/api/v2/tasks/" + id, Map.of("priority", 9), ADMIN);

        assertEquals(200, updated.status(), updated.raw());
        assertEquals(9, updated.get("priority"));
        assertEquals("keep me", updated.get("comment"));
        assertEquals("partial", updated.get("name"));
    }

    @Test
    void getBodyPutBackUnchangedIsAcceptedAndChangesNothing() {
        ApiResponse created = createTask(ADMIN, Map.of("name", "round-trip", "comment", "c", "priority", 7));

        ApiResponse updated = put("/api/v2/tasks/" + created.id(), get("/api/v2/tasks/" + created.id(), ADMIN).body(), ADMIN);

        assertEquals(200, updated.status(), updated.raw());
        Map<String, Object> before = new HashMap<>(created.body());
        Map<String, Object> after = new HashMap<>(updated.body());
        before.remove("modification_date");
        after.remove("modification_date");
        assertEquals(before, after);
    }

    @Test
    void readOnlyFieldsSentByAClientAreIgnored() {
        Map<String, Object> body = new HashMap<>(Map.of("name", "clone", "workflow_type", "offline_archive",
                "workflow_action", "move", "id", 4242, "status", "done", "action", "run", "progress", 100,
                "processed_size", 99, "creation_username", "mallory", "job_started", "2020-01-01T00:00:00Z"));

        ApiResponse created = post("/api/v2/tasks", body, ADMIN);

        assertEquals(201, created.status(), created.raw());
        assertNotEquals(4242L, created.id());
        assertEquals("not_activated", created.get("status"));
        assertEquals("noop", created.get("action"));
        assertEquals(0, created.get("progress"));
        assertEquals(0, created.get("processed_size"));
        assertEquals("admin", created.get("creation_username"));
        assertNull(created.get("job_started"));
    }

    @Test
    void aTaskIsClonedByPostingItsGetBody() {
        ApiResponse original = createTask(ADMIN, Map.of("name", "original", "priority", 8));

        ApiResponse clone = post("/api/v2/tasks", original.body(), ADMIN);

        assertEquals(201, clone.status(), clone.raw());
        assertNotEquals(original.id(), clone.id());
        assertEquals(8, clone.get("priority"));
    }

    @Test
    void vendorStyleActivateAsNumberIsAccepted() {
        ApiResponse created = createTask(ADMIN, Map.of("name", "numeric-activate", "activate", 0));

        assertEquals(201, created.status(), created.raw());
        assertEquals(false, created.get("activate"));
    }

    @Test
    void deletedTaskIsGone() {
        long id = createTask(ADMIN, Map.of("name", "doomed")).id();

        assertEquals(204, delete("/api/v2/tasks/" + id, ADMIN).status());
        assertEquals(404, get("/api/v2/tasks/" + id, ADMIN).status());
        assertEquals(404, delete("/api/v2/tasks/" + id, ADMIN).status());
    }

    @Test
    void missingRequiredFieldsAreAllReportedAsBlank() {
        ApiResponse response = post("/api/v2/tasks", Map.of("comment", "no name"), ADMIN);

        assertEquals(422, response.status());
        assertEquals(List.of("blank"), response.errorKinds("name"));
        assertEquals(List.of("blank"), response.errorKinds("workflow_type"));
        assertEquals(List.of("blank"), response.errorKinds("workflow_action"));
        assertTrue(response.messages().contains("name can't be blank"), response.raw());
    }

    @Test
    void unknownEnumValuesAreRefusedWithInclusion() {
        ApiResponse response = createTask(ADMIN, Map.of("workflow_type", "hot_archive", "conflict_resolution", "merge",
                "source_type", "ftp"));

        assertEquals(422, response.status());
        assertEquals(List.of("inclusion"), response.errorKinds("workflow_type"));
        assertEquals(List.of("inclusion"), response.errorKinds("conflict_resolution"));
        assertEquals(List.of("inclusion"), response.errorKinds("source_type"));
    }

    @Test
    void unsupportedWorkflowActionIsRefusedNotSilentlyAccepted() {
        ApiResponse response = createTask(ADMIN, Map.of("workflow_action", "full_backup"));

        assertEquals(422, response.status());
        assertEquals(List.of("inclusion"), response.errorKinds("workflow_action"));
    }

    @Test
    void priorityOutsideOneToTenIsRefused() {
        assertEquals(List.of("greater_than_or_equal_to"), createTask(ADMIN, Map.of("priority", 0)).errorKinds("priority"));
        assertEquals(List.of("less_than_or_equal_to"), createTask(ADMIN, Map.of("priority", 11)).errorKinds("priority"));
        assertEquals(201, createTask(ADMIN, Map.of("priority", 10)).status());
    }

    @Test
    void wrongTypesAndUnknownFieldsAreValidationErrors() {
        ApiResponse response = createTask(ADMIN, Map.of("priority", "high", "name", 12, "activate", "yes", "colour", "red"));

        assertEquals(422, response.status());
        assertEquals(List.of("not_an_integer"), response.errorKinds("priority"));
        assertEquals(List.of("invalid"), response.errorKinds("name"));
        assertEquals(List.of("invalid"), response.errorKinds("activate"));
        assertEquals(List.of("invalid"), response.errorKinds("colour"));
    }

    @Test
    void failedUpdateChangesNothing() {
        long id = createTask(ADMIN, Map.of("name", "stable", "priority", 4)).id();

        ApiResponse response = put("/api/v2/tasks/" + id, Map.of("priority", 6, "workflow_type", "nope"), ADMIN);

        assertEquals(422, response.status());
        assertEquals(4, get("/api/v2/tasks/" + id, ADMIN).get("priority"));
    }

    @Test
    void tooLongNameIsRefused() {
        ApiResponse response = createTask(ADMIN, Map.of("name", "x".repeat(256)));

        assertEquals(List.of("too_long"), response.errorKinds("name"));
    }

    @Test
    void malformedJsonIsABadRequestInTheErrorShape() {
        ApiResponse response = send(HttpRequest.POST("/api/v2/tasks", "{\"name\": ").contentType(MediaType.APPLICATION_JSON_TYPE), ADMIN);

        assertEquals(400, response.status(), response.raw());
        assertTrue(response.body().containsKey("messages"), response.raw());
        assertTrue(response.body().containsKey("details"), response.raw());
        assertTrue(!response.raw().contains("at io.") && !response.raw().contains("Exception"), "no stack trace: " + response.raw());
    }

    @Test
    void aBodyThatIsNotAnObjectIsABadRequest() {
        ApiResponse response = send(HttpRequest.POST("/api/v2/tasks", "[1, 2]").contentType(MediaType.APPLICATION_JSON_TYPE), ADMIN);

        assertEquals(400, response.status(), response.raw());
        assertEquals(List.of("the request body must be a JSON object"), response.messages());
    }

    @Test
    void oversizedBodyIsRefusedInTheErrorShape() {
        ApiResponse response = createTask(ADMIN, Map.of("comment", "x".repeat(2 * 1024 * 1024)));

        assertEquals(413, response.status(), response.raw().length() > 300 ? response.raw().substring(0, 300) : response.raw());
        assertTrue(response.body().containsKey("messages"));
    }

    @Test
    void unknownRouteAnswersTheErrorShape() {
        ApiResponse response = get("/api/v2/no-such-thing", ADMIN);

        assertEquals(404, response.status());
        assertTrue(response.body().containsKey("messages"), response.raw());
    }
}
