package io.tapeflow.audit;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.exceptions.TransactionException;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit log: one row per mutation, in the mutation's transaction, naming who; secrets never in it. */
@MicronautTest(transactional = false)
class AuditApiTest extends ApiTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    AuditLog audit;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    DataSource dataSource;

    private Auth carol;

    @BeforeAll
    void users() {
        carol = createUser("carol", "user");
    }

    // --- mutations as the admin, with Basic authentication -------------------------------------------

    @Test
    void creatingUpdatingAndDeletingATaskLeaveOneRowEachWithWhatChanged() {
        long container = container("task-src");

        Map<String, Object> created = onlyRowOf(() -> createTask(ADMIN, Map.of("name", "audited",
                "sources", List.of(Map.of("container_id", container, "file_path", "/")),
                "options", Map.of("file_checksum", "md5"))), 201);
        long task = resourceId(created);
        assertRow(created, "tasks", task, "create", "admin", null);
        Map<String, Object> fields = changes(created);
        assertEquals("audited", fields.get("name"));
        assertEquals(5, fields.get("priority"));
        assertEquals(container, number(((List<Map<String, Object>>) fields.get("sources")).get(0).get("container_id")));
        assertEquals("md5", ((List<Map<String, Object>>) fields.get("options")).get(0).get("value"));

        Map<String, Object> updated = onlyRowOf(() -> put("/api/v2/tasks/" + task, Map.of("priority", 2, "comment", "urgent"), ADMIN), 200);
        assertRow(updated, "tasks", task, "update", "admin", null);
        assertEquals(Map.of("priority", Map.of("old", 5, "new", 2), "comment", change(null, "urgent")), changes(updated));

        Map<String, Object> destroyed = onlyRowOf(() -> delete("/api/v2/tasks/" + task, ADMIN), 204);
        assertRow(destroyed, "tasks", task, "destroy", "admin", null);
        assertEquals(Map.of("id", (int) task, "name", "audited"), changes(destroyed));
    }

    @Test
    void aSourceOfItsOwnAndARunAreAuditedOnTheirTask() throws InterruptedException {
        long source = container("run-src");
        long destination = container("run-dst");
        long task = createTask(ADMIN, Map.of("name", "runner",
                "destinations", List.of(Map.of("container_id", destination, "folder_path", "/")))).id();

        Map<String, Object> added = onlyRowOf(() -> post("/api/v2/tasks/" + task + "/task_sources",
                Map.of("container_id", source, "file_path", "/"), ADMIN), 201);
        assertRow(added, "task_sources", resourceId(added), "create", "admin", null);
        assertEquals(task, number(changes(added).get("task_id")));
        assertEquals(source, number(changes(added).get("container_id")));

        ApiResponse[] run = new ApiResponse[1];
        Map<String, Object> ran = onlyRowOf(() -> run[0] = put("/api/v2/tasks/" + task + "/action/run", Map.of(), ADMIN), 202);
        assertRow(ran, "tasks", task, "run", "admin", null);
        assertEquals(run[0].get("job_id"), changes(ran).get("job_id"));
        awaitRunEnd(task, (String) run[0].get("job_id"));
    }

    @Test
    void containersLibrariesAndPoolsAreAuditedWithTheirStoredFields() {
        Path directory = directory("stored");
        Map<String, Object> container = onlyRowOf(() -> post("/api/v2/containers",
                Map.of("name", "stored", "path", directory.toString()), ADMIN), 201);
        assertRow(container, "containers", resourceId(container), "create", "admin", null);
        assertEquals(directory.toString(), changes(container).get("path"));

        Map<String, Object> library = onlyRowOf(() -> post("/api/v2/tape_libraries", Map.of("name", "audited-vtl",
                "protocol", "virtual", "barcode_prefix", "AU", "drives", 1, "storage_slots", 4, "cartridges", 2,
                "cartridge_capacity", 1_000_000), ADMIN), 201);
        assertRow(library, "tape_libraries", resourceId(library), "create", "admin", null);
        assertEquals("virtual", changes(library).get("protocol"));

        Map<String, Object> pool = onlyRowOf(() -> post("/api/v2/pools",
                Map.of("name", "audited-pool", "type", "active_archive"), ADMIN), 201);
        assertRow(pool, "pools", resourceId(pool), "create", "admin", null);
        assertEquals("tape", changes(pool).get("content"));
    }

    @Test
    void passwordsAndKeySecretsNeverReachTheLog() throws SQLException {
        String password = "dave-s3cret-password";
        Map<String, Object> userCreated = onlyRowOf(() -> post("/api/v2/users",
                Map.of("username", "dave", "password", password, "role", "user"), ADMIN), 201);
        long dave = resourceId(userCreated);
        assertRow(userCreated, "users", dave, "create", "admin", null);
        assertEquals("dave", changes(userCreated).get("username"));
        assertEquals(AuditFields.MASKED, changes(userCreated).get("password_hash"));

        String newPassword = "dave-n3w-password";
        Map<String, Object> passwordChanged = onlyRowOf(() -> put("/api/v2/users/" + dave, Map.of("password", newPassword), ADMIN), 200);
        assertEquals(Map.of("password_hash", change(AuditFields.MASKED, AuditFields.MASKED)), changes(passwordChanged));

        ApiResponse[] key = new ApiResponse[1];
        Map<String, Object> keyCreated = onlyRowOf(() -> key[0] = post("/api/v2/users/me/api_keys", Map.of("name", "ci"), ADMIN), 201);
        assertRow(keyCreated, "api_keys", key[0].id(), "create", "admin", null);
        assertEquals("ci", changes(keyCreated).get("name"));
        assertEquals(AuditFields.MASKED, changes(keyCreated).get("key_hash"));
        assertEquals(AuditFields.MASKED, changes(keyCreated).get("key_last4"));

        String secret = (String) key[0].get("key");
        String stored = storedChanges();
        for (String leak : List.of(password, newPassword, secret, secret.substring(secret.length() - 4),
                text("SELECT password_hash FROM app_user WHERE id = ?", dave),
                text("SELECT key_hash FROM api_key WHERE id = ?", key[0].id()))) {
            assertFalse(stored.contains(leak), "the audit log holds a secret: " + leak);
        }
    }

    @Test
    void everyOtherMutationEndpointLeavesExactlyOneRow() {
        long container = container("walk");
        long task = createTask(ADMIN, Map.of("name", "walk")).id();
        String base = "/api/v2/tasks/" + task;
        one("containers", "update", () -> put("/api/v2/containers/" + container, Map.of("comment", "walked"), ADMIN), 200);
        for (String kind : List.of("task_sources", "task_destinations")) {
            String path = kind.equals("task_sources") ? "file_path" : "folder_path";
            long id = resourceId(one(kind, "create", () -> post(base + "/" + kind, Map.of("container_id", container), ADMIN), 201));
            Map<String, Object> updated = one(kind, "update", () -> put(base + "/" + kind + "/" + id, Map.of(path, "/sub"), ADMIN), 200);
            assertEquals(Map.of("path", change("/", "/sub")), changes(updated));
            one(kind, "destroy", () -> delete(base + "/" + kind + "/" + id, ADMIN), 204);
        }
        long option = resourceId(one("task_options", "create",
                () -> post(base + "/task_options", Map.of("type", "file_checksum", "value", "md5"), ADMIN), 201));
        one("task_options", "update", () -> put(base + "/task_options/" + option, Map.of("value", "sha256"), ADMIN), 200);
        assertEquals(Map.of("id", (int) option, "task_id", (int) task, "type", "file_checksum"),
                changes(one("task_options", "destroy", () -> delete(base + "/task_options/" + option, ADMIN), 204)));
        one("task_schedules", "create", () -> post(base + "/task_schedule", Map.of("cron", "0 2 * * *"), ADMIN), 201);
        one("task_schedules", "update", () -> put(base + "/task_schedule", Map.of("cron", "0 3 * * *"), ADMIN), 200);
        one("task_schedules", "destroy", () -> delete(base + "/task_schedule", ADMIN), 204);
        long hook = resourceId(one("webhooks", "create", () -> post("/api/v2/webhooks", Map.of("url", "http://127.0.0.1:9/hook",
                "events", List.of("execution_failed"), "secret", "walk-secret-0123456789"), ADMIN), 201));
        Map<String, Object> rekeyed = one("webhooks", "update", () -> put("/api/v2/webhooks/" + hook, Map.of("secret", "walk-secret-9876543210"), ADMIN), 200);
        assertTrue(!rekeyed.toString().contains("walk-secret"), "a webhook's secret never reaches the audit log: " + rekeyed);
        one("webhooks", "destroy", () -> delete("/api/v2/webhooks/" + hook, ADMIN), 204);

        long library = resourceId(one("tape_libraries", "create", () -> post("/api/v2/tape_libraries", Map.of("name", "walk-vtl",
                "protocol", "virtual", "barcode_prefix", "WK", "drives", 1, "storage_slots", 2, "cartridges", 1,
                "cartridge_capacity", 1_000_000), ADMIN), 201));
        one("tape_libraries", "update", () -> put("/api/v2/tape_libraries/" + library, Map.of("comment", "walked"), ADMIN), 200);
        one("tape_libraries", "inventory", () -> post("/api/v2/tape_libraries/" + library + "/inventory", Map.of(), ADMIN), 200);
        long drive = number(get("/api/v2/tape_libraries/" + library + "/tape_drives", ADMIN).list("tape_drives").get(0).get("id"));
        one("tape_drives", "update", () -> put("/api/v2/tape_drives/" + drive, Map.of("name", "walked"), ADMIN), 200);
        long pool = resourceId(one("pools", "create", () -> post("/api/v2/pools", Map.of("name", "walk-pool", "type", "scratch"), ADMIN), 201));
        one("pools", "update", () -> put("/api/v2/pools/" + pool, Map.of("comment", "walked"), ADMIN), 200);
        long tape = number(get("/api/v2/tape_libraries/" + library + "/tapes", ADMIN).list("tapes").get(0).get("id"));
        Map<String, Object> moved = one("tapes", "update", () -> put("/api/v2/tapes/" + tape, Map.of("pool_id", pool), ADMIN), 200);
        assertEquals(pool, number(((Map<?, ?>) changes(moved).get("pool_id")).get("new")));
        one("tapes", "update", () -> put("/api/v2/tapes/" + tape, Map.of("pool_id", pool), ADMIN), 200); // no change is still a request
        one("pools", "destroy", () -> delete("/api/v2/pools/" + pool, ADMIN), 204);
        one("tape_libraries", "destroy", () -> delete("/api/v2/tape_libraries/" + library, ADMIN), 204);

        ApiResponse key = post("/api/v2/users/me/api_keys", Map.of("name", "walk-key"), ADMIN);
        one("api_keys", "update", () -> put("/api/v2/users/me/api_keys/" + key.id(), Map.of("name", "renamed"), ADMIN), 200);
        one("api_keys", "destroy", () -> delete("/api/v2/users/me/api_keys/" + key.id(), ADMIN), 204);
        long erin = number(post("/api/v2/users", Map.of("username", "erin", "password", "erin-password"), ADMIN).get("id"));
        one("users", "update", () -> put("/api/v2/users/" + erin, Map.of("role", "guest"), ADMIN), 200);
        one("users", "destroy", () -> delete("/api/v2/users/" + erin, ADMIN), 204);
        one("tasks", "destroy", () -> delete(base, ADMIN), 204);
        one("containers", "destroy", () -> delete("/api/v2/containers/" + container, ADMIN), 204);
    }

    /** The one row a mutation by the admin left, checked to name the resource and the action. */
    private Map<String, Object> one(String resource, String action, Supplier<ApiResponse> mutation, int status) {
        Map<String, Object> row = onlyRowOf(mutation, status);
        assertRow(row, resource, resourceId(row), action, "admin", null);
        return row;
    }

    // --- the caller -----------------------------------------------------------------------------------

    @Test
    void aUserWorkingWithAnApiKeyIsRecordedWithTheKey() {
        ApiResponse created = post("/api/v2/users/me/api_keys", Map.of("name", "carol-ci", "api_key_scopes", List.of(
                Map.of("controller", "tasks", "action", "create"), Map.of("controller", "tasks", "action", "update"),
                Map.of("controller", "tasks", "action", "destroy"))), carol);
        assertEquals(201, created.status(), created.raw());
        long keyId = created.id();
        Auth key = Auth.bearer((String) created.get("key"));

        Map<String, Object> made = onlyRowOf(() -> createTask(key, Map.of("name", "by-key")), 201);
        long task = resourceId(made);
        assertRow(made, "tasks", task, "create", "carol", keyId);
        assertRow(onlyRowOf(() -> put("/api/v2/tasks/" + task, Map.of("priority", 9), key), 200), "tasks", task, "update", "carol", keyId);
        assertRow(onlyRowOf(() -> delete("/api/v2/tasks/" + task, key), 204), "tasks", task, "destroy", "carol", keyId);

        ApiResponse byKey = get("/api/v2/audits?api_key_id=" + keyId, ADMIN);
        assertEquals(3L, number(byKey.get("count")), byKey.raw());
        assertTrue(byKey.list("audits").stream().allMatch(row -> "carol".equals(row.get("username"))), byKey.raw());
    }

    // --- failures and transactions ----------------------------------------------------------------------

    @Test
    void failedMutationsLeaveNoRow() throws IOException {
        long task = createTask(ADMIN, Map.of("name", "idle")).id();

        assertNoRowFrom(() -> createTask(ADMIN, Map.of("name", "")), 422);
        // The task row is written before its inline source is found missing: both go.
        assertNoRowFrom(() -> createTask(ADMIN, Map.of("name", "half",
                "sources", List.of(Map.of("container_name", "nowhere", "file_path", "/")))), 422);
        assertNoRowFrom(() -> post("/api/v2/users", Map.of("username", "carol", "password", "long-enough-1"), ADMIN), 422);
        assertNoRowFrom(() -> put("/api/v2/tasks/" + task + "/action/stop", Map.of(), ADMIN), 409);
        // The library's audit row is written, then its directory cannot be made: the row is rolled back with it.
        Path file = Files.createTempFile("not-a-directory", ".txt");
        assertNoRowFrom(() -> post("/api/v2/tape_libraries", Map.of("name", "impossible", "protocol", "virtual",
                "device", file.resolve("library").toString(), "barcode_prefix", "IM", "cartridges", 1), ADMIN), 422);
        assertEquals(404, get("/api/v2/tape_libraries/impossible", ADMIN).status());
    }

    @Test
    void theRowIsWrittenInTheChangesTransactionOrNotAtAll() {
        long before = lastId();
        record Row(Long id, String name) {
        }

        assertThrows(IllegalStateException.class, () -> transactions.executeWrite(status -> {
            audit.created("tests", new Row(41L, "rolled back"));
            throw new IllegalStateException("the change fails");
        }));
        assertThrows(TransactionException.class, () -> audit.created("tests", new Row(42L, "no transaction")));
        assertEquals(List.of(), since(before));

        transactions.executeWrite(status -> {
            audit.created("tests", new Row(43L, "committed"));
            return null;
        });
        List<Map<String, Object>> rows = since(before);
        assertEquals(1, rows.size(), rows.toString());
        // No HTTP request made this change: the system did.
        assertRow(rows.get(0), "tests", 43, "create", "system", null);
        assertNull(rows.get(0).get("client_address"));
    }

    // --- reading the log --------------------------------------------------------------------------------

    @Test
    void onlyAdminsReadTheLog() {
        Auth key = createKey(carol, "audits/index", "audits/show");
        long any = lastId();

        assertEquals(403, get("/api/v2/audits", carol).status());
        assertEquals(403, get("/api/v2/audits/" + any, carol).status());
        assertEquals(403, get("/api/v2/audits", key).status());
        assertEquals(200, get("/api/v2/audits", createKey(ADMIN, "audits/index")).status());
        assertEquals(403, get("/api/v2/audits", createKey(ADMIN, "tasks/index")).status());
    }

    @Test
    void theLogFiltersSortsAndShowsOneRow() {
        long carols = resourceId(onlyRowOf(() -> createTask(carol, Map.of("name", "carol-filtered")), 201));
        long admins = resourceId(onlyRowOf(() -> createTask(ADMIN, Map.of("name", "admin-filtered")), 201));
        Map<String, Object> destroyed = onlyRowOf(() -> delete("/api/v2/tasks/" + carols, carol), 204);

        List<Map<String, Object>> tasks = list("resource", "tasks", "limit", "1000");
        assertTrue(tasks.stream().allMatch(row -> "tasks".equals(row.get("resource"))), tasks.toString());
        assertTrue(tasks.stream().anyMatch(row -> number(row.get("resource_id")) == admins), tasks.toString());
        List<Map<String, Object>> byCarol = list("username", "carol", "limit", "1000");
        assertTrue(byCarol.stream().allMatch(row -> "carol".equals(row.get("username"))), byCarol.toString());
        assertEquals(List.of("create", "destroy"), list("username", "carol", "resource", "tasks", "resource_id", String.valueOf(carols))
                .stream().map(row -> row.get("action")).toList());
        assertEquals(List.of(destroyed), list("resource", "tasks", "resource_id", String.valueOf(carols), "action", "destroy"));

        String when = (String) destroyed.get("creation_date");
        assertTrue(list("creation_date", ">=" + when, "creation_date", "<=" + when).contains(destroyed));
        assertEquals(List.of(), list("creation_date", ">" + Instant.now().plusSeconds(3600)));

        List<Map<String, Object>> newestFirst = list("resource", "tasks", "sort_by", "id:desc", "limit", "2");
        assertEquals(List.of(number(destroyed.get("id")), number(destroyed.get("id")) - 1),
                newestFirst.stream().map(row -> number(row.get("id"))).toList());

        assertEquals(destroyed, get("/api/v2/audits/" + number(destroyed.get("id")), ADMIN).body());
        assertEquals(404, get("/api/v2/audits/999999999", ADMIN).status());
        assertEquals(422, get("/api/v2/audits?changes=x", ADMIN).status());
        assertEquals(422, get("/api/v2/audits?creation_date=yesterday", ADMIN).status());
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /** Runs the mutation and answers the one audit row it left. */
    private Map<String, Object> onlyRowOf(Supplier<ApiResponse> mutation, int status) {
        long before = lastId();
        ApiResponse response = mutation.get();
        assertEquals(status, response.status(), response.raw());
        List<Map<String, Object>> rows = since(before);
        assertEquals(1, rows.size(), "audit rows of " + response + ": " + rows);
        return rows.get(0);
    }

    private void assertNoRowFrom(Supplier<ApiResponse> mutation, int status) {
        long before = lastId();
        ApiResponse response = mutation.get();
        assertEquals(status, response.status(), response.raw());
        assertEquals(List.of(), since(before), "a refused " + response);
    }

    private static void assertRow(Map<String, Object> row, String resource, long resourceId, String action,
                                  String username, Long apiKeyId) {
        assertEquals(resource, row.get("resource"), row.toString());
        assertEquals(resourceId, number(row.get("resource_id")), row.toString());
        assertEquals(action, row.get("action"), row.toString());
        assertEquals(username, row.get("username"), row.toString());
        assertEquals(apiKeyId, row.get("api_key_id") == null ? null : number(row.get("api_key_id")), row.toString());
        assertNotNull(row.get("creation_date"), row.toString());
        if (!"system".equals(username)) {
            assertFalse(((String) row.get("client_address")).isBlank(), row.toString());
        }
    }

    private long lastId() {
        List<Map<String, Object>> rows = list("sort_by", "id:desc", "limit", "1");
        return rows.isEmpty() ? 0 : number(rows.get(0).get("id"));
    }

    private List<Map<String, Object>> since(long id) {
        return list("id", ">" + id, "limit", "1000");
    }

    private List<Map<String, Object>> list(String... parameters) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            query.append(i == 0 ? "?" : "&").append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        ApiResponse response = get("/api/v2/audits" + query, ADMIN);
        assertEquals(200, response.status(), response.raw());
        return response.list("audits");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> changes(Map<String, Object> row) {
        return (Map<String, Object>) row.get("changes");
    }

    private static Map<String, Object> change(Object old, Object now) {
        Map<String, Object> change = new HashMap<>();
        change.put("old", old);
        change.put("new", now);
        return change;
    }

    private static long resourceId(Map<String, Object> row) {
        return number(row.get("resource_id"));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private long container(String name) {
        ApiResponse created = post("/api/v2/containers", Map.of("name", name, "path", directory(name).toString()), ADMIN);
        assertEquals(201, created.status(), created.raw());
        return created.id();
    }

    private static Path directory(String prefix) {
        try {
            return Files.createTempDirectory("tapeflow-audit-" + prefix).toRealPath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void awaitRunEnd(long task, String jobId) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        String status;
        do {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the run of task " + task + " did not end");
            }
            Thread.sleep(100);
            status = (String) get("/api/v2/tasks/" + task + "/action/run?job_id=" + jobId, ADMIN).get("status");
        } while (!"completed".equals(status) && !"failed".equals(status));
    }

    /** Every audit row's changes as stored, in one string. */
    private String storedChanges() throws SQLException {
        List<String> all = new ArrayList<>();
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT changes FROM audit_log");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        }
        return String.join("\n", all);
    }

    private String text(String sql, long id) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getString(1);
            }
        }
    }
}
