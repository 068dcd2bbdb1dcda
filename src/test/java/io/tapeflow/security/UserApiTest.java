package io.tapeflow.security;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class UserApiTest extends ApiTestSupport {

    @Test
    void theFirstStartCreatedTheAdminWithTheConfiguredPassword() {
        ApiResponse me = get("/api/v2/users/me", ADMIN);

        assertEquals("admin", me.get("username"));
        assertEquals("admin", me.get("role"));
    }

    @Test
    void adminCreatesShowsUpdatesAndDeletesAUser() {
        ApiResponse created = post("/api/v2/users", Map.of("username", "dave", "password", "dave-password"), ADMIN);
        assertEquals(201, created.status(), created.raw());
        assertEquals("user", created.get("role"));
        assertFalse(created.raw().contains("password"), "no password or hash in " + created.raw());

        assertEquals("dave", get("/api/v2/users/dave", ADMIN).get("username"));
        assertEquals("dave", get("/api/v2/users/" + created.id(), ADMIN).get("username"));

        ApiResponse updated = put("/api/v2/users/dave", Map.of("role", "guest", "password", "new-dave-password"), ADMIN);
        assertEquals("guest", updated.get("role"));
        assertEquals(401, get("/api/v2/users/me", Auth.basic("dave", "dave-password")).status());
        assertEquals("guest", get("/api/v2/users/me", Auth.basic("dave", "new-dave-password")).get("role"));

        assertEquals(204, delete("/api/v2/users/dave", ADMIN).status());
        assertEquals(404, get("/api/v2/users/dave", ADMIN).status());
        assertEquals(401, get("/api/v2/users/me", Auth.basic("dave", "new-dave-password")).status());
    }

    @Test
    void idsTooLargeForANumberAreUnknownNotErrors() {
        String huge = "99999999999999999999999";

        assertEquals(404, get("/api/v2/users/" + huge, ADMIN).status());
        assertEquals(404, get("/api/v2/users/me/api_keys/" + huge, ADMIN).status());
        assertEquals(404, get("/api/v2/tasks/" + huge, ADMIN).status());
        assertEquals(404, get("/api/v2/task_executions/" + huge, ADMIN).status());
    }

    @Test
    void usernamesAreUnique() {
        createUser("erin", "user");

        ApiResponse response = post("/api/v2/users", Map.of("username", "erin", "password", "another-pw"), ADMIN);

        assertEquals(422, response.status());
        assertEquals(List.of("taken"), response.errorKinds("username"));
    }

    @Test
    void userFieldsAreValidated() {
        ApiResponse response = post("/api/v2/users", Map.of("username", "bad name", "password", "short", "role", "root"), ADMIN);

        assertEquals(422, response.status());
        assertEquals(List.of("invalid"), response.errorKinds("username"));
        assertEquals(List.of("too_short"), response.errorKinds("password"));
        assertEquals(List.of("inclusion"), response.errorKinds("role"));
    }

    @Test
    void usersChangeTheirOwnPasswordButNotTheirRole() {
        Auth frank = createUser("frank", "user");

        assertEquals(422, put("/api/v2/users/me", Map.of("role", "admin"), frank).status());
        assertEquals(200, put("/api/v2/users/me", Map.of("password", "frank-new-password"), frank).status());

        assertEquals("user", get("/api/v2/users/me", Auth.basic("frank", "frank-new-password")).get("role"));
    }

    @Test
    void anAdminCannotDeleteThemself() {
        assertEquals(409, delete("/api/v2/users/admin", ADMIN).status());
    }

    @Test
    void aUserWhoOwnsTasksIsNotDeleted() {
        Auth grace = createUser("grace", "user");
        createTask(grace, Map.of("name", "grace-task"));

        ApiResponse response = delete("/api/v2/users/grace", ADMIN);

        assertEquals(409, response.status());
        assertTrue(response.messages().get(0).contains("1 tasks"), response.raw());
    }

    @Test
    void theLastAdminKeepsTheAdminRole() {
        ApiResponse response = put("/api/v2/users/admin", Map.of("role", "user"), ADMIN);

        assertEquals(422, response.status());
        assertEquals("admin", get("/api/v2/users/me", ADMIN).get("role"));
    }

    @Test
    void usersAreListedWithFiltersAndSorts() {
        createUser("hank", "guest");
        createUser("ivy", "guest");

        ApiResponse guests = get("/api/v2/users?role=guest&sort_by=username:desc", ADMIN);

        assertEquals(List.of("ivy", "hank"), guests.list("users").stream().map(u -> u.get("username")).toList());
        assertEquals(422, get("/api/v2/users?password_hash=x", ADMIN).status());
    }
}
