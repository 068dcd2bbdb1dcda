package io.tapeflow.schedule;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.TestSql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schedules firing for real: the ticker of this node (and extra tickers standing for other nodes on
 * the same database) runs container-to-container copies through the action path and JobRunr.
 */
@MicronautTest(transactional = false)
class ScheduleFiringApiTest extends ApiTestSupport {

    /** Generous: a run waits up to JobRunr's 5 s poll before it starts. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final DateTimeFormatter ICAL_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Inject
    DataSource dataSource;

    @Inject
    ApplicationContext context;

    /** A task copying one file of {@code size} bytes between two containers, at most {@code bandwidth} bytes/s (0: unlimited). */
    private long copyTask(String name, int size, long bandwidth) throws Exception {
        Path source = Files.createTempDirectory("tf-sched-src");
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Files.write(source.resolve("data.bin"), bytes);
        Path destination = Files.createTempDirectory("tf-sched-dst");
        Map<String, Object> fields = new HashMap<>(Map.of("name", name));
        if (bandwidth > 0) {
            fields.put("bandwidth_limit", bandwidth);
        }
        long task = createTask(ADMIN, fields).id();
        long src = post("/api/v2/containers", Map.of("name", name + "-src", "path", source.toString()), ADMIN).id();
        long dst = post("/api/v2/containers", Map.of("name", name + "-dst", "path", destination.toString()), ADMIN).id();
        assertEquals(201, post("/api/v2/tasks/" + task + "/task_sources", Map.of("container_id", src, "file_path", "/"), ADMIN).status());
        assertEquals(201, post("/api/v2/tasks/" + task + "/task_destinations", Map.of("container_id", dst, "folder_path", "/"), ADMIN).status());
        return task;
    }

    private ApiResponse schedule(long task) {
        return get("/api/v2/tasks/" + task + "/task_schedule", ADMIN);
    }

    private long number(ApiResponse response, String field) {
        return ((Number) response.get(field)).longValue();
    }

    private List<Map<String, Object>> executions(long task) {
        return get("/api/v2/tasks/" + task + "/task_executions?limit=1000", ADMIN).list("task_executions");
    }

    private static boolean allFinished(List<Map<String, Object>> executions) {
        return executions.stream().allMatch(e -> List.of("done", "finished_with_warnings", "error", "stopped_by_user",
                "stopped_by_system").contains(e.get("status")));
    }

    private static <T> T await(String what, Supplier<T> poll, Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        T last = poll.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what + "; last: " + last);
            }
            Thread.sleep(200);
            last = poll.get();
        }
        return last;
    }

    /** A rule starting a few seconds from now, in UTC. */
    private static String secondsRule(int startIn, String rule) {
        return "DTSTART:" + ICAL_UTC.format(Instant.now().plusSeconds(startIn)) + "\nRRULE:" + rule;
    }

    /** Waits for the rule's last firing and the runs it started, then a few ticks more. */
    private ApiResponse afterLastFiring(long task, long firings) throws InterruptedException {
        await("the last firing of task " + task, () -> schedule(task),
                s -> s.get("next") == null && number(s, "done") + number(s, "skipped_count") >= firings);
        await("the scheduled runs of task " + task, () -> executions(task), ScheduleFiringApiTest::allFinished);
        Thread.sleep(4000); // ticks that must not fire again
        return schedule(task);
    }

    @Test
    void aSecondsRuleFiresItsCountAndNoMore() throws Exception {
        long task = copyTask("every-2s", 1024, 0);
        assertEquals(201, post("/api/v2/tasks/" + task + "/task_schedule",
                Map.of("rrule", secondsRule(3, "FREQ=SECONDLY;INTERVAL=2;COUNT=3")), ADMIN).status());

        ApiResponse schedule = afterLastFiring(task, 3);

        long done = number(schedule, "done");
        long skipped = number(schedule, "skipped_count");
        assertEquals(3, done + skipped, "each of the 3 occurrences fired once: " + schedule.raw());
        assertTrue(done >= 1, "the first firing found the task idle: " + schedule.raw());
        List<Map<String, Object>> runs = executions(task);
        assertEquals(done, runs.size(), "one run per firing that started one: " + schedule.raw());
        assertTrue(runs.stream().allMatch(run -> "done".equals(run.get("status"))), runs.toString());
        assertNull(schedule.get("next"));
        assertEquals(0, number(schedule, "missed_count"));
    }

    @Test
    void aFiringWhileTheTaskRunsIsSkippedAndCounted() throws Exception {
        long task = copyTask("long-run", 32 * 1024 * 1024, 1024 * 1024);
        ApiResponse run = put("/api/v2/tasks/" + task + "/action/run", Map.of(), ADMIN);
        assertEquals(202, run.status(), run.raw());
        await("the run to transfer", () -> get("/api/v2/tasks/" + task, ADMIN), t -> "in_progress".equals(t.get("status")));

        assertEquals(201, post("/api/v2/tasks/" + task + "/task_schedule",
                Map.of("rrule", secondsRule(2, "FREQ=SECONDLY;INTERVAL=2;COUNT=2")), ADMIN).status());
        ApiResponse schedule = await("both firings", () -> schedule(task), s -> s.get("next") == null && number(s, "skipped_count") == 2);

        assertEquals(0, number(schedule, "done"), schedule.raw());
        assertEquals(1, executions(task).size(), "no run started beside the one under way");
        assertEquals("in_progress", get("/api/v2/tasks/" + task, ADMIN).get("status"), "the run under way goes on");
        assertEquals(202, put("/api/v2/tasks/" + task + "/action/stop", Map.of(), ADMIN).status());
        await("the stop", () -> executions(task), ScheduleFiringApiTest::allFinished);
    }

    @Test
    void firingsMissedWhileNoNodeRanAreCountedAndCatchUpRunsOnce() throws Exception {
        long catchingUp = copyTask("catch-up", 1024, 0);
        long notCatchingUp = copyTask("no-catch-up", 1024, 0);
        // As a node starting after an outage finds them: due five and a half hours ago, hourly since.
        Instant start = Instant.now().minus(Duration.ofMinutes(5 * 60 + 30)).truncatedTo(ChronoUnit.SECONDS);
        String rrule = "DTSTART:" + ICAL_UTC.format(start) + "\nRRULE:FREQ=HOURLY";
        TestSql sql = new TestSql(dataSource);
        for (long task : List.of(catchingUp, notCatchingUp)) {
            sql.insert("INSERT INTO task_schedule (task_id, rrule, catch_up, next_time, creation_date, modification_date,"
                    + " creation_username, modification_username) VALUES (?, ?, ?, ?, ?, ?, 'admin', 'admin')",
                    task, rrule, task == catchingUp, start, start, start);
        }

        // the missed firings are claimed and counted first, then the catch-up run is requested
        ApiResponse caughtUp = await("the missed firings and the catch-up", () -> schedule(catchingUp),
                s -> number(s, "missed_count") > 0 && number(s, "done") + number(s, "skipped_count") > 0);
        ApiResponse counted = await("the missed firings", () -> schedule(notCatchingUp), s -> number(s, "missed_count") > 0);

        for (ApiResponse schedule : List.of(caughtUp, counted)) {
            assertEquals(6, number(schedule, "missed_count"), schedule.raw());
            assertEquals(start, Instant.parse((String) schedule.get("missed_first")));
            assertEquals(start.plus(Duration.ofHours(5)), Instant.parse((String) schedule.get("missed_last")));
            assertEquals(start.plus(Duration.ofHours(6)), Instant.parse((String) schedule.get("next")));
            assertEquals(0, number(schedule, "skipped_count"));
        }
        assertEquals(1, number(caughtUp, "done"), caughtUp.raw());
        assertEquals(0, number(counted, "done"), counted.raw());
        await("the catch-up run", () -> executions(catchingUp), runs -> runs.size() == 1 && allFinished(runs));
        Thread.sleep(3000); // ticks that must not fire again
        assertEquals(1, executions(catchingUp).size(), "one catch-up run for six missed firings");
        assertEquals(0, executions(notCatchingUp).size());
        assertEquals(6, number(schedule(catchingUp), "missed_count"), "missed firings are counted once");
    }

    @Test
    void tickersOfSeveralNodesFireEachOccurrenceOnce() throws Exception {
        // Two more tickers on the same database, racing this node's own one for every firing.
        List<ScheduleTicker> otherNodes = List.of(context.createBean(ScheduleTicker.class), context.createBean(ScheduleTicker.class));
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = otherNodes.stream().map(ticker -> new Thread(() -> {
            while (running.get()) {
                ticker.tick();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "other-node-ticker")).toList();
        threads.forEach(Thread::start);
        try {
            long task = copyTask("three-nodes", 1024, 0);
            assertEquals(201, post("/api/v2/tasks/" + task + "/task_schedule",
                    Map.of("rrule", secondsRule(3, "FREQ=SECONDLY;INTERVAL=2;COUNT=4")), ADMIN).status());

            ApiResponse schedule = afterLastFiring(task, 4);

            assertEquals(4, number(schedule, "done") + number(schedule, "skipped_count"),
                    "4 occurrences, each fired by exactly one of 3 tickers: " + schedule.raw());
            assertEquals(number(schedule, "done"), executions(task).size(), schedule.raw());
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
