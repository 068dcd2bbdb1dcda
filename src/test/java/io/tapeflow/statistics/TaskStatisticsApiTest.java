package io.tapeflow.statistics;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.Runs;
import io.tapeflow.support.TestSql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Task counters per status and per workflow after real runs and hand-set statuses, checked against the task table. */
@MicronautTest(transactional = false)
class TaskStatisticsApiTest extends ApiTestSupport {

    private static final List<String> STATUSES = List.of("not_activated", "in_queue", "calculating", "in_progress", "paused",
            "done", "finished_with_warnings", "error", "stopped_by_user", "stopped_by_system");

    @Inject
    DataSource dataSource;

    private long userId(String name) {
        return ((Number) new TestSql(dataSource).rows("SELECT id FROM app_user WHERE username = ?", name).get(0)[0]).longValue();
    }

    /** The status of every task of the owner (or of everyone), counted here rather than by a GROUP BY. */
    private Map<String, Long> statusesInTable(Long ownerId, String workflowAction) {
        Map<String, Long> counts = new TreeMap<>();
        for (Object[] row : new TestSql(dataSource).rows("SELECT owner_id, status, workflow_action FROM task")) {
            boolean owned = ownerId == null || ((Number) row[0]).longValue() == ownerId;
            if (owned && (workflowAction == null || workflowAction.equals(row[2]))) {
                counts.merge((String) row[1], 1L, Long::sum);
            }
        }
        return counts;
    }

    private Map<String, Long> workflowsInTable(Long ownerId) {
        Map<String, Long> counts = new TreeMap<>();
        for (Object[] row : new TestSql(dataSource).rows("SELECT owner_id, workflow_type, workflow_action FROM task")) {
            if (ownerId == null || ((Number) row[0]).longValue() == ownerId) {
                counts.merge(row[1] + "/" + row[2], 1L, Long::sum);
            }
        }
        return counts;
    }

    /** The answer's non-zero counts, after checking that every status is listed once, in order, and that count is their sum. */
    private static Map<String, Long> byStatus(ApiResponse response) {
        assertEquals(200, response.status(), response.raw());
        List<Map<String, Object>> rows = response.list("task_by_status");
        assertEquals(STATUSES, rows.stream().map(r -> r.get("status")).toList());
        Map<String, Long> counts = new TreeMap<>();
        long total = 0;
        for (Map<String, Object> row : rows) {
            long count = ((Number) row.get("count")).longValue();
            total += count;
            if (count > 0) {
                counts.put((String) row.get("status"), count);
            }
        }
        assertEquals(total, ((Number) response.get("count")).longValue());
        return counts;
    }

    private static Map<String, Long> byWorkflow(ApiResponse response) {
        assertEquals(200, response.status(), response.raw());
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> row : response.list("task_by_workflow")) {
            counts.put(row.get("workflow_type") + "/" + row.get("workflow_action"), ((Number) row.get("count")).longValue());
        }
        assertEquals(counts.values().stream().mapToLong(Long::longValue).sum(), ((Number) response.get("count")).longValue());
        return counts;
    }

    @Test
    void countersMatchTheTaskTableForEachOwnerAndForEveryone() throws Exception {
        Auth alice = createUser("alice", "user");
        Auth bob = createUser("bob", "user");
        Runs runs = new Runs(this);
        Path source = Files.createTempDirectory("tf-src");
        Files.writeString(source.resolve("a.txt"), "alpha");
        long src = runs.container("stats-src", source);
        long dst = runs.container("stats-dst", Files.createTempDirectory("tf-dst"));
        long copied = runs.task(alice, "copied", "copy", src, "/", dst, Map.of());
        long scanned = runs.task(alice, "scanned", "scan", src, "/", null, Map.of("workflow_type", "maintenance"));
        assertEquals("done", runs.runToEnd(alice, copied).get("status"));
        assertEquals("done", runs.runToEnd(alice, scanned).get("status"));
        createTask(alice, Map.of("name", "never run"));
        long paused = createTask(alice, Map.of("name", "paused", "workflow_action", "move")).id();
        long failed = createTask(bob, Map.of("name", "failed", "workflow_type", "data_migration")).id();
        createTask(bob, Map.of("name", "bob idle"));
        createTask(ADMIN, Map.of("name", "admin idle", "workflow_action", "erase"));
        TestSql sql = new TestSql(dataSource);
        sql.insert("UPDATE task SET status = 'paused' WHERE id = ?", paused);
        sql.insert("UPDATE task SET status = 'error' WHERE id = ?", failed);
        long aliceId = userId("alice");
        long bobId = userId("bob");

        Map<String, Long> aliceCounts = byStatus(get("/api/v2/statistics/task_by_status", alice));
        assertEquals(statusesInTable(aliceId, null), aliceCounts);
        assertEquals(Map.of("done", 2L, "not_activated", 1L, "paused", 1L), aliceCounts);
        assertEquals(statusesInTable(bobId, null), byStatus(get("/api/v2/statistics/task_by_status", bob)));
        assertEquals(statusesInTable(null, null), byStatus(get("/api/v2/statistics/task_by_status?all=true", ADMIN)));
        assertEquals(statusesInTable(userId("admin"), null), byStatus(get("/api/v2/statistics/task_by_status", ADMIN)),
                "without all=true an admin sees their own tasks, as in the task list");
        assertEquals(statusesInTable(aliceId, "move"), byStatus(get("/api/v2/statistics/task_by_status?workflow_action=move", alice)));
        assertEquals(Map.of("paused", 1L), byStatus(get("/api/v2/statistics/task_by_status?workflow_action=move", alice)));

        Map<String, Long> aliceWorkflows = byWorkflow(get("/api/v2/statistics/task_by_workflow", alice));
        assertEquals(workflowsInTable(aliceId), aliceWorkflows);
        assertEquals(Map.of("active_archive/copy", 2L, "active_archive/move", 1L, "maintenance/scan", 1L), aliceWorkflows);
        assertEquals(workflowsInTable(null), byWorkflow(get("/api/v2/statistics/task_by_workflow?all=true", ADMIN)));
        assertEquals(workflowsInTable(bobId), byWorkflow(get("/api/v2/statistics/task_by_workflow", bob)));
    }

    @Test
    void everyoneCountsAreForAdminsAndFiltersAreChecked() {
        Auth carol = createUser("carol", "user");
        Auth guest = createUser("gail", "guest");
        createTask(carol, Map.of("name", "carol's"));

        ApiResponse all = get("/api/v2/statistics/task_by_status?all=true", carol);
        assertEquals(403, all.status(), all.raw());
        assertEquals(403, get("/api/v2/statistics/task_by_workflow?all=true", carol).status());
        ApiResponse unknown = get("/api/v2/statistics/task_by_status?colour=red", carol);
        assertEquals(422, unknown.status(), unknown.raw());
        assertEquals(List.of("invalid"), unknown.errorKinds("colour"));
        ApiResponse badStatus = get("/api/v2/statistics/task_by_status?status=sleeping", carol);
        assertEquals(422, badStatus.status(), badStatus.raw());
        assertEquals(List.of("inclusion"), badStatus.errorKinds("status"));
        assertEquals(Map.of(), byStatus(get("/api/v2/statistics/task_by_status", guest)), "a guest owns no task");
        assertEquals(401, get("/api/v2/statistics/task_by_status", Auth.NONE).status());
    }

    @Test
    void aKeyNeedsTheScopeOfTheStatistic() {
        Auth dora = createUser("dora", "user");
        createTask(dora, Map.of("name", "dora's", "workflow_action", "scan"));
        Auth statusKey = createKey(dora, "statistics/task_by_status");

        ApiResponse counted = get("/api/v2/statistics/task_by_status", statusKey);
        assertEquals(Map.of("not_activated", 1L), byStatus(counted));
        assertEquals(403, get("/api/v2/statistics/task_by_workflow", statusKey).status());
        assertEquals(403, get("/api/v2/statistics/storage", statusKey).status());
        assertEquals(200, get("/api/v2/statistics/by_date", createKey(dora, "statistics/by_date")).status());
    }
}
