package io.tapeflow.security;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Roles and ownership: who sees and changes which tasks. */
@MicronautTest(transactional = false)
class AccessApiTest extends ApiTestSupport {

    private Auth alice;
    private Auth bob;
    private Auth guest;
    private long aliceTask;

    @BeforeAll
    void users() {
        alice = createUser("alice", "user");
        bob = createUser("bob", "user");
        guest = createUser("gina", "guest");
        aliceTask = createTask(alice, Map.of("name", "alice-task")).id();
        createTask(bob, Map.of("name", "bob-task"));
    }

    @Test
    void noCredentialsIsUnauthorizedInTheErrorShape() {
        ApiResponse response = get("/api/v2/tasks", Auth.NONE);

        assertEquals(401, response.status());
        assertEquals(Map.of(), response.get("details"));
        assertEquals(1, response.messages().size());
    }

    @Test
    void wrongPasswordIsUnauthorized() {
        assertEquals(401, get("/api/v2/tasks", Auth.basic("alice", "wrong-password")).status());
        assertEquals(401, get("/api/v2/tasks", Auth.basic("nobody", "whatever-pw")).status());
    }

    @Test
    void aUserListsOnlyTheirOwnTasks() {
        ApiResponse list = get("/api/v2/tasks", alice);

        assertEquals(1L, ((Number) list.get("count")).longValue());
        assertEquals("alice-task", list.list("tasks").get(0).get("name"));
    }

    @Test
    void anotherUsersTaskDoesNotExistForANonAdmin() {
        assertEquals(404, get("/api/v2/tasks/" + aliceTask, bob).status());
        assertEquals(404, get("/api/v2/tasks/alice-task", bob).status());
        assertEquals(404, put("/api/v2/tasks/" + aliceTask, Map.of("priority", 1), bob).status());
        assertEquals(404, delete("/api/v2/tasks/" + aliceTask, bob).status());
        assertEquals(200, get("/api/v2/tasks/" + aliceTask, alice).status());
    }

    @Test
    void onlyAdminsMayListEveryonesTasks() {
        ApiResponse forbidden = get("/api/v2/tasks?all=true", alice);
        assertEquals(403, forbidden.status());
        assertTrue(forbidden.messages().get(0).contains("all=true"), forbidden.raw());

        ApiResponse all = get("/api/v2/tasks?all=true&name=~%25-task", ADMIN);
        assertEquals(2L, ((Number) all.get("count")).longValue());
        assertEquals(0L, ((Number) get("/api/v2/tasks?name=~%25-task", ADMIN).get("count")).longValue());
    }

    @Test
    void adminsReachAnyTaskById() {
        assertEquals("alice-task", get("/api/v2/tasks/" + aliceTask, ADMIN).get("name"));
    }

    @Test
    void modificationUsernameRecordsWhoChangedATask() {
        long id = createTask(alice, Map.of("name", "shared-edit")).id();

        ApiResponse updated = put("/api/v2/tasks/" + id, Map.of("comment", "checked"), ADMIN);

        assertEquals("alice", updated.get("creation_username"));
        assertEquals("admin", updated.get("modification_username"));
    }

    @Test
    void guestsMayReadButNotWrite() {
        assertEquals(200, get("/api/v2/tasks", guest).status());
        assertEquals(200, get("/api/v2/users/me", guest).status());
        assertEquals(403, createTask(guest, Map.of()).status());
        assertEquals(403, post("/api/v2/users/me/api_keys", Map.of("name", "k"), guest).status());
    }

    @Test
    void usersCannotManageUsers() {
        assertEquals(403, get("/api/v2/users", alice).status());
        assertEquals(403, post("/api/v2/users", Map.of("username", "eve", "password", "eve-password"), alice).status());
        assertEquals(403, get("/api/v2/users", guest).status());
    }

    @Test
    void forbiddenAnswersTheErrorShape() {
        ApiResponse response = get("/api/v2/users", alice);

        assertEquals(Map.of(), response.get("details"));
        assertEquals(List.of("not allowed for this user or API key"), response.messages());
    }
}
