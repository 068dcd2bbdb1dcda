package io.tapeflow.task;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sources, destinations and options of a task: their own endpoints, the inline forms, and list filters. */
@MicronautTest(transactional = false)
class TaskDefinitionApiTest extends ApiTestSupport {

    private long archive;
    private long nas;

    @BeforeAll
    void containers() throws IOException {
        archive = post("/api/v2/containers", Map.of("name", "archive", "path", Files.createTempDirectory("archive").toString()), ADMIN).id();
        Files.createDirectories(java.nio.file.Path.of((String) get("/api/v2/containers/archive", ADMIN).get("path"), "projects"));
        nas = post("/api/v2/containers", Map.of("name", "nas", "path", Files.createTempDirectory("nas").toString()), ADMIN).id();
    }

    @Test
    void sourcesAndDestinationsAreManagedOnTheirOwn() {
        long task = createTask(ADMIN, Map.of("name", "endpoints")).id();

        ApiResponse source = post("/api/v2/tasks/" + task + "/task_sources", Map.of("container_name", "archive", "file_path", "projects"), ADMIN);
        assertEquals(201, source.status(), source.raw());
        assertEquals("/projects", source.get("file_path"));
        assertEquals("archive", source.get("container_name"));
        ApiResponse destination = post("/api/v2/tasks/" + task + "/task_destinations", Map.of("container_id", nas), ADMIN);
        assertEquals("/", destination.get("folder_path"));

        assertEquals(1L, ((Number) get("/api/v2/tasks/" + task + "/task_sources", ADMIN).get("count")).longValue());
        ApiResponse moved = put("/api/v2/tasks/" + task + "/task_destinations/" + destination.id(), Map.of("folder_path", "/incoming"), ADMIN);
        assertEquals("/incoming", moved.get("folder_path"));
        assertEquals(204, delete("/api/v2/tasks/" + task + "/task_sources/" + source.id(), ADMIN).status());
        assertEquals(0L, ((Number) get("/api/v2/tasks/" + task + "/task_sources", ADMIN).get("count")).longValue());
        assertEquals(422, post("/api/v2/tasks/" + task + "/task_sources", Map.of("container_name", "nowhere"), ADMIN).status());
        assertEquals(422, post("/api/v2/tasks/" + task + "/task_sources", Map.of("file_path", "/x"), ADMIN).status());
    }

    @Test
    void aTaskIsCreatedWithInlineSourcesDestinationsAndOptions() {
        ApiResponse created = createTask(ADMIN, Map.of("name", "inline",
                "sources", List.of(Map.of("container_name", "archive", "file_path", "/projects")),
                "destinations", List.of(Map.of("container_id", nas), Map.of("container_name", "archive", "folder_path", "/copy")),
                "options", Map.of("file_checksum", "MD5", "parallel_processing", 3, "reset_file_date", true)));

        assertEquals(201, created.status(), created.raw());
        long task = created.id();
        assertEquals(2, get("/api/v2/tasks/" + task + "/task_destinations", ADMIN).list("task_destinations").size());
        ApiResponse options = get("/api/v2/tasks/" + task + "/task_options", ADMIN);
        assertEquals(Map.of("file_checksum", "md5", "parallel_processing", "3", "reset_file_date", "true"),
                options.list("task_options").stream().collect(java.util.stream.Collectors.toMap(o -> (String) o.get("type"), o -> (String) o.get("value"))));
    }

    @Test
    void aBadInlinePartRefusesTheWholeTask() {
        long before = ((Number) get("/api/v2/tasks?limit=0", ADMIN).get("count")).longValue();

        ApiResponse refused = createTask(ADMIN, Map.of("name", "half",
                "sources", List.of(Map.of("container_name", "archive", "file_path", "/../../etc"))));
        ApiResponse badOption = createTask(ADMIN, Map.of("name", "half", "options", Map.of("parallel_processing", 0, "barcodes", "x")));

        assertEquals(422, refused.status(), refused.raw());
        assertEquals(422, badOption.status());
        assertEquals(List.of("invalid"), badOption.errorKinds("options.parallel_processing"));
        assertEquals(List.of("inclusion"), badOption.errorKinds("options.barcodes"));
        assertEquals(before, ((Number) get("/api/v2/tasks?limit=0", ADMIN).get("count")).longValue(), "nothing was written");
    }

    @Test
    void optionsHaveTheirOwnEndpointsAndRefuseUnknownTypesOrValues() {
        long task = createTask(ADMIN, Map.of("name", "options")).id();

        ApiResponse created = post("/api/v2/tasks/" + task + "/task_options", Map.of("type", "file_checksum", "value", "crc32"), ADMIN);
        assertEquals(201, created.status(), created.raw());
        assertEquals(422, post("/api/v2/tasks/" + task + "/task_options", Map.of("type", "file_checksum", "value", "md5"), ADMIN).status());
        assertEquals(List.of("invalid"), post("/api/v2/tasks/" + task + "/task_options", Map.of("type", "parallel_processing", "value", "many"), ADMIN).errorKinds("value"));
        assertEquals(List.of("inclusion"), post("/api/v2/tasks/" + task + "/task_options", Map.of("type", "turbo", "value", "on"), ADMIN).errorKinds("type"));
        assertEquals(List.of("inclusion"), post("/api/v2/tasks/" + task + "/task_options", Map.of("type", "selected_drive", "value", "1"), ADMIN).errorKinds("value"));

        assertEquals("sha256", put("/api/v2/tasks/" + task + "/task_options/" + created.id(), Map.of("value", "sha256"), ADMIN).get("value"));
        assertEquals(204, delete("/api/v2/tasks/" + task + "/task_options/" + created.id(), ADMIN).status());
        assertEquals(404, get("/api/v2/tasks/" + task + "/task_options/" + created.id(), ADMIN).status());
    }

    @Test
    void tasksAreFilteredBySourceAndDestinationContainers() {
        createTask(ADMIN, Map.of("name", "from-archive", "sources", List.of(Map.of("container_id", archive)),
                "destinations", List.of(Map.of("container_id", nas))));
        createTask(ADMIN, Map.of("name", "from-nas", "sources", List.of(Map.of("container_id", nas)),
                "destinations", List.of(Map.of("container_id", archive))));

        assertEquals(List.of("from-archive"), names(get("/api/v2/tasks?name=~from-%25&source_container_name=archive", ADMIN)));
        assertEquals(List.of("from-nas"), names(get("/api/v2/tasks?name=~from-%25&source_container_id=" + nas, ADMIN)));
        assertEquals(List.of("from-nas"), names(get("/api/v2/tasks?name=~from-%25&destination_container_name=!=nas", ADMIN)));
        assertEquals(List.of("from-archive", "from-nas"), names(get("/api/v2/tasks?name=~from-%25&destination_container_id=%3E%3C"
                + archive + "%7C" + nas + "&sort_by=name", ADMIN)));
        assertEquals(422, get("/api/v2/tasks?sort_by=source_container_name", ADMIN).status());
    }

    private static List<String> names(ApiResponse response) {
        assertTrue(response.status() == 200, response.raw());
        return response.list("tasks").stream().map(t -> (String) t.get("name")).sorted().toList();
    }
}
