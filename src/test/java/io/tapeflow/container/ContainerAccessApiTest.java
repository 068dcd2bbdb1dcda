package io.tapeflow.container;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Containers are shared: every authenticated user reads them, only admins change them. */
@MicronautTest(transactional = false)
class ContainerAccessApiTest extends ApiTestSupport {

    private Path directory;
    private Auth user;
    private Auth guest;
    private long id;

    @BeforeAll
    void containerAndUsers() {
        directory = Trees.directory("access");
        Trees.file(directory, "readme.txt", 6);
        id = post("/api/v2/containers", Map.of("name", "shared", "path", directory.toString()), ADMIN).id();
        user = createUser("ursula", "user");
        guest = createUser("gus", "guest");
    }

    @AfterAll
    void removeDirectory() {
        Trees.delete(directory);
    }

    @Test
    void usersAndGuestsReadContainersAndTheirFiles() {
        for (Auth reader : new Auth[]{user, guest}) {
            assertEquals(1L, ((Number) get("/api/v2/containers", reader).get("count")).longValue());
            assertEquals("shared", get("/api/v2/containers/" + id, reader).get("name"));
            assertEquals(1L, ((Number) get("/api/v2/containers/shared/files", reader).get("count")).longValue());
        }
    }

    @Test
    void onlyAdminsCreateUpdateAndDeleteContainers() {
        for (Auth other : new Auth[]{user, guest}) {
            assertEquals(403, post("/api/v2/containers", Map.of("name", "mine", "path", directory.toString()), other).status());
            assertEquals(403, put("/api/v2/containers/" + id, Map.of("comment", "changed"), other).status());
            assertEquals(403, delete("/api/v2/containers/" + id, other).status());
        }
        assertEquals(1L, ((Number) get("/api/v2/containers", ADMIN).get("count")).longValue());
        assertEquals(null, get("/api/v2/containers/" + id, ADMIN).get("comment"));
    }

    @Test
    void withoutCredentialsNothingIsVisible() {
        assertEquals(401, get("/api/v2/containers", Auth.NONE).status());
        assertEquals(401, get("/api/v2/containers/" + id + "/files", Auth.NONE).status());
    }

    @Test
    void anApiKeyReachesOnlyTheEndpointsOfItsScopes() {
        Auth lister = createKey(user, "containers/index");
        Auth browser = createKey(user, "containers/show", "containers/files");

        assertEquals(200, get("/api/v2/containers", lister).status());
        assertEquals(403, get("/api/v2/containers/" + id, lister).status());
        assertEquals(403, get("/api/v2/containers/" + id + "/files", lister).status());
        assertEquals(200, get("/api/v2/containers/" + id, browser).status());
        assertEquals(200, get("/api/v2/containers/" + id + "/files", browser).status());
        assertEquals(403, get("/api/v2/containers", browser).status());
    }

    @Test
    void anAdminKeyNeedsTheWriteScopesToo() {
        Auth reader = createKey(ADMIN, "containers/index", "containers/show");
        Auth writer = createKey(ADMIN, "containers/create", "containers/update", "containers/destroy");
        Path other = Trees.directory("access-key");
        try {
            assertEquals(403, post("/api/v2/containers", Map.of("name", "by-key", "path", other.toString()), reader).status());
            long created = post("/api/v2/containers", Map.of("name", "by-key", "path", other.toString()), writer).id();
            assertEquals(200, put("/api/v2/containers/" + created, Map.of("comment", "k"), writer).status());
            assertEquals(204, delete("/api/v2/containers/" + created, writer).status());
        } finally {
            Trees.delete(other);
        }
    }
}
