package io.tapeflow.task;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch actions and deletion: every id succeeds or fails on its own; the batch itself is checked first. */
@MicronautTest(transactional = false)
class TaskBatchApiTest extends ApiTestSupport {

    @Inject
    DataSource dataSource;

    @SuppressWarnings("unchecked")
    private static Map<String, String> map(ApiResponse response, String key) {
        return (Map<String, String>) response.get(key);
    }

    private long executions(long task) {
        return new TestSql(dataSource).rows("SELECT id FROM task_execution WHERE task_id = ?", task).size();
    }

    private long userId(String name) {
        return ((Number) new TestSql(dataSource).rows("SELECT id FROM app_user WHERE username = ?", name).get(0)[0]).longValue();
    }

    @Test
    void aBatchRunAnswersForEachIdWhetherValidUnknownForeignOrInTheWrongState() throws Exception {
        Auth alice = createUser("alice", "user");
        Auth bob = createUser("bob", "user");
        Runs runs = new Runs(this);
        Path source = Files.createTempDirectory("tf-src");
        Files.writeString(source.resolve("small.txt"), "small");
        Path slowSource = Files.createTempDirectory("tf-src");
        Files.write(slowSource.resolve("slow.bin"), new byte[4 << 20]);
        long quick = runs.task(alice, "quick", "copy", runs.container("quick-src", source), "/",
                runs.container("quick-dst", Files.createTempDirectory("tf-dst")), Map.of());
        long slow = runs.task(alice, "slow one", "copy", runs.container("slow-src", slowSource), "/",
                runs.container("slow-dst", Files.createTempDirectory("tf-dst")), Map.of("bandwidth_limit", 1 << 20));
        long sourceless = createTask(alice, Map.of("name", "no source")).id();
        long bobs = createTask(bob, Map.of("name", "bob's")).id();

        ApiResponse ran = post("/api/v2/tasks/-/action/run",
                Map.of("ids", List.of(quick, "slow one", 987654321, bobs, "no source", "ghost")), alice);

        assertEquals(200, ran.status(), ran.raw());
        Map<String, String> jobs = map(ran, "job_ids");
        Map<String, String> errors = map(ran, "errors");
        assertEquals(Set.of(String.valueOf(quick), "slow one"), jobs.keySet(), ran.raw());
        assertEquals(Set.of("987654321", String.valueOf(bobs), "no source", "ghost"), errors.keySet(), ran.raw());
        assertEquals("task " + bobs + " not found", errors.get(String.valueOf(bobs)), "someone else's task is as unknown as a missing one");
        assertEquals("task 987654321 not found", errors.get("987654321"));
        assertTrue(errors.get("no source").contains("needs at least one source"), errors.get("no source"));
        assertEquals(0, executions(bobs));
        assertEquals(0, executions(sourceless));
        assertEquals("not_activated", get("/api/v2/tasks/" + bobs, bob).get("status"));

        ApiResponse again = post("/api/v2/tasks/-/action/run", Map.of("ids", List.of(slow)), alice);
        assertEquals(200, again.status(), again.raw());
        assertEquals(Map.of(), map(again, "job_ids"));
        assertTrue(map(again, "errors").get(String.valueOf(slow)).contains("already running"), again.raw());
        assertEquals(1, executions(slow), "the refused run started nothing");

        ApiResponse stopped = post("/api/v2/tasks/-/action/stop", Map.of("ids", List.of(slow, bobs)), alice);
        assertEquals(200, stopped.status(), stopped.raw());
        assertEquals(Set.of(String.valueOf(slow)), map(stopped, "job_ids").keySet(), stopped.raw());
        assertEquals(Set.of(String.valueOf(bobs)), map(stopped, "errors").keySet(), stopped.raw());
        assertEquals("stopped_by_user", runs.awaitEnd(alice, slow, jobs.get("slow one")).get("status"));
        assertEquals("done", runs.awaitEnd(alice, quick, jobs.get(String.valueOf(quick))).get("status"));
    }

    @Test
    void theBatchIsCheckedBeforeAnyIdIsActedOn() {
        Auth carol = createUser("carol", "user");
        long task = createTask(carol, Map.of("name", "untouched")).id();
        List<Object> tooMany = new ArrayList<>(LongStream.rangeClosed(1_000_000, 1_000_999).boxed().toList());
        tooMany.add(task);

        ApiResponse refused = post("/api/v2/tasks/-/action/run", Map.of("ids", tooMany), carol);
        assertEquals(422, refused.status(), refused.raw());
        assertEquals(List.of("too_long"), refused.errorKinds("ids"));
        ApiResponse refusedDelete = post("/api/v2/tasks/-/delete", Map.of("ids", tooMany), carol);
        assertEquals(422, refusedDelete.status(), refusedDelete.raw());
        assertEquals(200, get("/api/v2/tasks/" + task, carol).status(), "a refused batch deletes nothing");
        assertEquals(0, executions(task));

        List<Object> thousand = new ArrayList<>(tooMany.subList(0, 1000));
        ApiResponse atTheLimit = post("/api/v2/tasks/-/action/run", Map.of("ids", thousand), carol);
        assertEquals(200, atTheLimit.status(), atTheLimit.raw());
        assertEquals(1000, map(atTheLimit, "errors").size());

        assertEquals(List.of("blank"), post("/api/v2/tasks/-/action/run", Map.of("ids", List.of()), carol).errorKinds("ids"));
        assertEquals(List.of("blank"), post("/api/v2/tasks/-/delete", Map.of(), carol).errorKinds("ids"));
        assertEquals(List.of("invalid"), post("/api/v2/tasks/-/action/pause", Map.of("ids", "untouched"), carol).errorKinds("ids"));
        assertEquals(List.of("invalid"), post("/api/v2/tasks/-/action/pause", Map.of("ids", List.of(Map.of())), carol).errorKinds("ids"));
        assertEquals(List.of("invalid"), post("/api/v2/tasks/-/action/pause", Map.of("ids", List.of(-3)), carol).errorKinds("ids"));
        assertEquals(List.of("invalid"), post("/api/v2/tasks/-/delete", Map.of("ids", List.of(task), "force", true), carol).errorKinds("force"));
        assertEquals(404, post("/api/v2/tasks/-/action/jump", Map.of("ids", List.of(task)), carol).status());
        assertEquals(403, post("/api/v2/tasks/-/action/run", Map.of("ids", List.of(task)), createUser("gus", "guest")).status());
        assertEquals(403, post("/api/v2/tasks/-/delete", Map.of("ids", List.of(task)), createUser("gwen", "guest")).status());
        assertEquals(200, get("/api/v2/tasks/" + task, carol).status());
        assertEquals(0, executions(task));
    }

    @Test
    void aBatchDeleteRemovesEachDeletableTaskAndSaysWhyTheOthersStay() {
        Auth dan = createUser("dan", "user");
        Auth eve = createUser("eve", "user");
        long first = createTask(dan, Map.of("name", "first")).id();
        long second = createTask(dan, Map.of("name", "second")).id();
        long running = createTask(dan, Map.of("name", "running")).id();
        new TestSql(dataSource).execution(running, userId("dan"), "copy", "in_progress", null, 0, 0);
        long eves = createTask(eve, Map.of("name", "eve's")).id();

        ApiResponse deleted = post("/api/v2/tasks/-/delete", Map.of("ids", List.of(first, "second", running, eves, 424242, first)), dan);

        assertEquals(200, deleted.status(), deleted.raw());
        assertEquals(List.of(String.valueOf(first), "second"), deleted.get("deleted"), "an id listed twice is acted on once");
        Map<String, String> errors = map(deleted, "errors");
        assertEquals(Set.of(String.valueOf(running), String.valueOf(eves), "424242"), errors.keySet(), deleted.raw());
        assertTrue(errors.get(String.valueOf(running)).contains("not finished"), errors.toString());
        assertEquals("task " + eves + " not found", errors.get(String.valueOf(eves)));
        assertEquals(404, get("/api/v2/tasks/" + first, dan).status());
        assertEquals(404, get("/api/v2/tasks/" + second, dan).status());
        assertEquals(200, get("/api/v2/tasks/" + running, dan).status());
        assertEquals(200, get("/api/v2/tasks/" + eves, eve).status());

        ApiResponse asAdmin = post("/api/v2/tasks/-/delete", Map.of("ids", List.of(eves)), ADMIN);
        assertEquals(List.of(String.valueOf(eves)), asAdmin.get("deleted"), "an admin acts on anyone's task");
    }

    @Test
    void theDashIsTheBatchAndATaskNamedDashIsStillReachable() {
        Auth fay = createUser("fay", "user");
        long dash = createTask(fay, Map.of("name", "-")).id();
        long other = createTask(fay, Map.of("name", "other")).id();

        assertEquals(dash, get("/api/v2/tasks/-", fay).id());
        ApiResponse single = put("/api/v2/tasks/-/action/run", Map.of(), fay);
        assertEquals(409, single.status(), "the single-task action reaches the task named '-': " + single.raw());
        assertTrue(single.messages().get(0).contains("task " + dash), single.raw());

        ApiResponse batch = post("/api/v2/tasks/-/delete", Map.of("ids", List.of(other)), fay);
        assertEquals(List.of(String.valueOf(other)), batch.get("deleted"), batch.raw());
        assertEquals(200, get("/api/v2/tasks/" + dash, fay).status(), "the batch acted on the listed task, not on '-'");
        assertEquals(List.of("-"), post("/api/v2/tasks/-/delete", Map.of("ids", List.of("-")), fay).get("deleted"));
        assertEquals(404, get("/api/v2/tasks/" + dash, fay).status());
    }

    @Test
    void aKeyNeedsTasksActionToActAndTasksDestroyToDelete() {
        Auth gil = createUser("gil", "user");
        long task = createTask(gil, Map.of("name", "keyed")).id();
        Auth actOnly = createKey(gil, "tasks/action");

        ApiResponse acted = post("/api/v2/tasks/-/action/run", Map.of("ids", List.of(task)), actOnly);
        assertEquals(200, acted.status(), acted.raw());
        assertEquals(Set.of(String.valueOf(task)), map(acted, "errors").keySet(), "no source: refused for that id");
        assertEquals(403, post("/api/v2/tasks/-/delete", Map.of("ids", List.of(task)), actOnly).status());
        ApiResponse removed = post("/api/v2/tasks/-/delete", Map.of("ids", List.of(task)), createKey(gil, "tasks/destroy"));
        assertEquals(List.of(String.valueOf(task)), removed.get("deleted"), removed.raw());
        assertEquals(Map.of(), map(removed, "errors"));
    }
}
