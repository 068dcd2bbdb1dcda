package io.tapeflow.security;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API keys: shown once, scoped per action, never more than their owner, revocable, expiring. */
@MicronautTest(transactional = false)
class ApiKeyApiTest extends ApiTestSupport {

    private static final List<String> TASK_SCOPES = List.of("tasks/index", "tasks/create", "tasks/show",
            "tasks/update", "tasks/destroy");

    private Auth carol;

    @BeforeAll
    void users() {
        carol = createUser("carol", "user");
    }

    @Test
    void theSecretIsShownOnceThenMasked() {
        ApiResponse created = post("/api/v2/users/me/api_keys", Map.of("name", "ci",
                "api_key_scopes", List.of(Map.of("controller", "tasks", "action", "index"))), carol);

        assertEquals(201, created.status(), created.raw());
        String secret = (String) created.get("key");
        assertTrue(secret.length() > 40, secret);
        assertEquals(List.of(Map.of("controller", "tasks", "action", "index")), created.get("api_key_scopes"));

        ApiResponse shown = get("/api/v2/users/me/api_keys/" + created.id(), carol);
        assertEquals("****" + secret.substring(secret.length() - 4), shown.get("key"));
        ApiResponse listed = get("/api/v2/users/me/api_keys", carol);
        assertTrue(listed.raw().contains("****") && !listed.raw().contains(secret), listed.raw());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasks/index", "tasks/create", "tasks/show", "tasks/update", "tasks/destroy"})
    void eachTaskScopeOpensItsEndpointAndNoOther(String scope) {
        long task = createTask(carol, Map.of("name", "scoped-" + scope.replace('/', '-'))).id();
        Auth key = createKey(carol, scope);

        Map<String, Integer> statusByScope = Map.of(
                "tasks/index", get("/api/v2/tasks", key).status(),
                "tasks/create", createTask(key, Map.of("name", "made-by-key")).status(),
                "tasks/show", get("/api/v2/tasks/" + task, key).status(),
                "tasks/update", put("/api/v2/tasks/" + task, Map.of("priority", 2), key).status(),
                "tasks/destroy", delete("/api/v2/tasks/" + task, key).status());

        for (String other : TASK_SCOPES) {
            int status = statusByScope.get(other);
            if (other.equals(scope)) {
                assertTrue(status < 300, other + " should be allowed, got " + status);
            } else {
                assertEquals(403, status, other + " with a key scoped to " + scope);
            }
        }
    }

    @Test
    void aKeyCannotDoMoreThanItsOwnersRole() {
        Auth guest = createUser("gus", "guest");
        // An admin cannot create a key for someone else, so grant the scope through the guest's own
        // request being refused, and check that a user key with admin scopes stays a user.
        assertEquals(403, post("/api/v2/users/me/api_keys", Map.of("name", "k"), guest).status());
        Auth userKey = createKey(carol, "users/index", "tasks/index");

        assertEquals(403, get("/api/v2/users", userKey).status());
        assertEquals(403, get("/api/v2/tasks?all=true", userKey).status());
        assertEquals(200, get("/api/v2/tasks", userKey).status());
    }

    @Test
    void anAdminKeyActsAsAdminWithinItsScopes() {
        Auth adminKey = createKey(ADMIN, "users/index", "tasks/index");

        assertEquals(200, get("/api/v2/users", adminKey).status());
        assertEquals(200, get("/api/v2/tasks?all=true", adminKey).status());
        assertEquals(403, post("/api/v2/users", Map.of("username", "x", "password", "xxxxxxxx"), adminKey).status());
    }

    @Test
    void aKeyCannotManageKeysWithoutTheScope() {
        Auth key = createKey(carol, "tasks/index");

        assertEquals(403, get("/api/v2/users/me/api_keys", key).status());
        assertEquals(403, post("/api/v2/users/me/api_keys", Map.of("name", "escalate"), key).status());
        assertEquals(403, get("/api/v2/users/me", key).status());
    }

    @Test
    void expiredKeyIsUnauthorized() {
        ApiResponse created = post("/api/v2/users/me/api_keys", Map.of("name", "short-lived",
                "api_key_scopes", List.of(Map.of("controller", "tasks", "action", "index")),
                "expires_at", Instant.now().plus(1, ChronoUnit.HOURS).toString()), carol);
        Auth key = Auth.bearer((String) created.get("key"));
        assertEquals(200, get("/api/v2/tasks", key).status());

        put("/api/v2/users/me/api_keys/" + created.id(), Map.of("expires_at", "2020-01-01T00:00:00Z"), carol);

        assertEquals(401, get("/api/v2/tasks", key).status());
    }

    @Test
    void revokedKeyIsUnauthorized() {
        ApiResponse created = post("/api/v2/users/me/api_keys", Map.of("name", "revoke-me",
                "api_key_scopes", List.of(Map.of("controller", "tasks", "action", "index"))), carol);
        Auth key = Auth.bearer((String) created.get("key"));
        assertEquals(200, get("/api/v2/tasks", key).status());

        assertEquals(204, delete("/api/v2/users/me/api_keys/" + created.id(), carol).status());

        assertEquals(401, get("/api/v2/tasks", key).status());
        assertEquals(401, get("/api/v2/tasks", Auth.bearer("tf_not-a-real-key")).status());
    }

    @Test
    void lastUsedAtIsRecorded() {
        ApiResponse created = post("/api/v2/users/me/api_keys", Map.of("name", "used",
                "api_key_scopes", List.of(Map.of("controller", "tasks", "action", "index"))), carol);
        assertNull(created.get("last_used_at"));

        get("/api/v2/tasks", Auth.bearer((String) created.get("key")));

        assertNotNull(get("/api/v2/users/me/api_keys/" + created.id(), carol).get("last_used_at"));
    }

    @Test
    void scopesCanBeChangedAndTakeEffect() {
        ApiResponse created = post("/api/v2/users/me/api_keys", Map.of("name", "evolving",
                "api_key_scopes", List.of(Map.of("controller", "tasks", "action", "index"))), carol);
        Auth key = Auth.bearer((String) created.get("key"));
        assertEquals(403, createTask(key, Map.of()).status());

        ApiResponse updated = put("/api/v2/users/me/api_keys/" + created.id(),
                Map.of("api_key_scopes", List.of(Map.of("controller", "tasks", "action", "create"))), carol);

        assertEquals(200, updated.status(), updated.raw());
        assertEquals(201, createTask(key, Map.of()).status());
        assertEquals(403, get("/api/v2/tasks", key).status());
    }

    @Test
    void unknownScopesAreRefused() {
        ApiResponse response = post("/api/v2/users/me/api_keys", Map.of("name", "bad",
                "api_key_scopes", List.of(Map.of("controller", "tasks", "action", "explode"))), carol);

        assertEquals(422, response.status());
        assertEquals(List.of("inclusion"), response.errorKinds("api_key_scopes"));
    }

    @Test
    void keysOfOtherUsersDoNotExist() {
        ApiResponse created = post("/api/v2/users/me/api_keys", Map.of("name", "carols"), carol);

        assertEquals(404, get("/api/v2/users/me/api_keys/" + created.id(), ADMIN).status());
        assertEquals(404, delete("/api/v2/users/me/api_keys/" + created.id(), ADMIN).status());
    }

    @Test
    void aKeyCannotGrantScopesItDoesNotHoldNorChangeThePassword() {
        Auth keyManager = createKey(carol, "api_keys/create", "api_keys/update", "tasks/index", "users/me");

        ApiResponse wider = post("/api/v2/users/me/api_keys", Map.of("name", "wider",
                "api_key_scopes", List.of(Map.of("controller", "tasks", "action", "destroy"))), keyManager);
        ApiResponse narrower = post("/api/v2/users/me/api_keys", Map.of("name", "narrower",
                "api_key_scopes", List.of(Map.of("controller", "tasks", "action", "index"))), keyManager);

        assertEquals(403, wider.status(), wider.raw());
        assertEquals(201, narrower.status(), narrower.raw());
        assertEquals(403, put("/api/v2/users/me", Map.of("password", "taken-over-pw"), keyManager).status());
        assertEquals(200, get("/api/v2/users/me", Auth.basic("carol", "carol-password")).status());
    }

    @Test
    void aKeyWithoutNameIsRefused() {
        ApiResponse response = post("/api/v2/users/me/api_keys", Map.of(), carol);

        assertEquals(422, response.status());
        assertEquals(List.of("blank"), response.errorKinds("name"));
    }
}
