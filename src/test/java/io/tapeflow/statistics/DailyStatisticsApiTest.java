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
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bytes and files per day from finished runs and catalog rows; day boundaries in UTC; bad dates refused. */
@MicronautTest(transactional = false)
class DailyStatisticsApiTest extends ApiTestSupport {

    @Inject
    DataSource dataSource;

    private long userId(String name) {
        return ((Number) new TestSql(dataSource).rows("SELECT id FROM app_user WHERE username = ?", name).get(0)[0]).longValue();
    }

    /** A run that ended at {@code finished} (null: still going) having moved {@code files} files of {@code bytes} bytes. */
    private long execution(long ownerId, String action, String status, String finished, long files, long bytes) {
        return new TestSql(dataSource).execution(0, ownerId, action, status, finished == null ? null : Instant.parse(finished), files, bytes);
    }

    private void catalogRow(long executionId, long size, String created) {
        new TestSql(dataSource).insert("INSERT INTO catalog_file (path, size, checksum, checksum_type, execution_id, creation_date)"
                + " VALUES ('/f', ?, 'abc', 'xxh64', ?, ?)", size, executionId, Timestamp.from(Instant.parse(created)));
    }

    private static List<Map<String, Object>> days(ApiResponse response) {
        assertEquals(200, response.status(), response.raw());
        return response.list("by_date");
    }

    private static Map<String, Object> day(String date, long executions, long files, long bytes, long archivedFiles, long archivedBytes) {
        return Map.of("date", date, "executions", executions, "files", files, "bytes", bytes,
                "archived_files", archivedFiles, "archived_bytes", archivedBytes);
    }

    /** The rows with their numbers as longs, for comparison with {@link #day}. */
    private static List<Map<String, Object>> normalised(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> day((String) r.get("date"), n(r, "executions"), n(r, "files"), n(r, "bytes"),
                n(r, "archived_files"), n(r, "archived_bytes"))).toList();
    }

    private static long n(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).longValue();
    }

    @Test
    void eachDayAddsTheRunsThatFinishedOnItAndTheFilesTheCatalogRecorded() {
        createUser("erin", "user");
        Auth erin = Auth.basic("erin", "erin-password");
        createUser("frank", "user");
        long e = userId("erin");
        long f = userId("frank");
        execution(e, "copy", "done", "2025-03-01T00:00:00Z", 2, 100);
        execution(e, "move", "done", "2025-03-01T23:59:59.999999Z", 3, 200);
        long archive = execution(e, "copy", "error", "2025-03-02T12:00:00Z", 1, 50);
        execution(e, "scan", "done", "2025-03-02T12:00:00Z", 9, 9000);
        execution(e, "copy", "done", "2025-03-03T00:00:00Z", 7, 700);
        execution(e, "copy", "done", "2025-02-28T23:59:59Z", 7, 700);
        execution(e, "copy", "in_progress", null, 7, 700);
        long franks = execution(f, "copy", "done", "2025-03-01T08:00:00Z", 4, 400);
        catalogRow(archive, 30, "2025-03-02T10:00:00Z");
        catalogRow(archive, 40, "2025-03-02T23:00:00Z");
        catalogRow(archive, 999, "2025-03-03T00:00:00Z");
        catalogRow(franks, 80, "2025-03-01T08:00:00Z");

        assertEquals(List.of(day("2025-03-01", 2, 5, 300, 0, 0), day("2025-03-02", 1, 1, 50, 2, 70)),
                normalised(days(get("/api/v2/statistics/by_date?from=2025-03-01&to=2025-03-02", erin))));
        assertEquals(List.of(day("2025-03-01", 1, 4, 400, 1, 80)),
                normalised(days(get("/api/v2/statistics/by_date?from=2025-03-01&to=2025-03-02", Auth.basic("frank", "frank-password")))));
        assertEquals(List.of(day("2025-03-01", 3, 9, 700, 1, 80), day("2025-03-02", 1, 1, 50, 2, 70)),
                normalised(days(get("/api/v2/statistics/by_date?from=2025-03-01&to=2025-03-02&all=true", ADMIN))));
        assertEquals(List.of(day("2025-03-01", 1, 3, 200, 0, 0)),
                normalised(days(get("/api/v2/statistics/by_date?from=2025-03-01&to=2025-03-02&workflow_action=move", erin))),
                "the execution list's filters apply, to the catalog rows too");
        ApiResponse oneDay = get("/api/v2/statistics/by_date?from=2025-03-03&to=2025-03-03", erin);
        assertEquals(List.of(day("2025-03-03", 1, 7, 700, 1, 999)), normalised(days(oneDay)));
        assertEquals("2025-03-03", oneDay.get("from"));
        assertEquals("2025-03-03", oneDay.get("to"));
    }

    @Test
    void withoutDatesItCoversTheLastThirtyDaysWithTodaysRealRuns() throws Exception {
        Auth gina = createUser("gina", "user");
        Runs runs = new Runs(this);
        Path source = Files.createTempDirectory("tf-src");
        Files.write(source.resolve("one.bin"), new byte[12_345]);
        Files.write(source.resolve("two.bin"), new byte[678]);
        long src = runs.container("daily-src", source);
        long dst = runs.container("daily-dst", Files.createTempDirectory("tf-dst"));
        long task = runs.task(gina, "daily", "copy", src, "/", dst, Map.of());
        assertEquals("done", runs.runToEnd(gina, task).get("status"));
        assertEquals("done", runs.runToEnd(gina, task).get("status"));
        execution(userId("gina"), "copy", "done", LocalDate.now(ZoneOffset.UTC).minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant().toString(), 5, 5);

        ApiResponse recent = get("/api/v2/statistics/by_date", gina);

        List<Object[]> runsDone = new TestSql(dataSource).rows("SELECT processed_files, processed_size, job_finished FROM task_execution WHERE task_id = ?", task);
        assertEquals(2, runsDone.size());
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        for (Object[] run : runsDone) {
            String date = ((Timestamp) run[2]).toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
            Map<String, Object> sum = expected.getOrDefault(date, day(date, 0, 0, 0, 0, 0));
            expected.put(date, day(date, n(sum, "executions") + 1, n(sum, "files") + ((Number) run[0]).longValue(),
                    n(sum, "bytes") + ((Number) run[1]).longValue(), 0, 0));
        }
        assertEquals(List.copyOf(expected.values()), normalised(days(recent)), "the run 30 days ago is outside");
        assertEquals(4, expected.values().stream().mapToLong(d -> n(d, "files")).sum());
        assertEquals(2 * (12_345 + 678), expected.values().stream().mapToLong(d -> n(d, "bytes")).sum());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertEquals(LocalDate.now(ZoneOffset.UTC).minusDays(29).toString(), recent.get("from"));
        assertEquals(today, recent.get("to"));
    }

    @Test
    void badDatesAreRefusedWithTheFieldNamed() {
        Map<String, String> cases = Map.of(
                "from=2025-02-30", "from",
                "from=yesterday", "from",
                "to=2025-1-5", "to",
                "from=1969-12-31&to=1970-01-02", "from",
                "from=2025-03-02&to=2025-03-01", "to",
                "from=9999-12-31", "from");
        cases.forEach((query, field) -> {
            ApiResponse refused = get("/api/v2/statistics/by_date?" + query, ADMIN);
            assertEquals(422, refused.status(), query + " -> " + refused.raw());
            assertEquals(1, refused.details().size(), refused.raw());
            assertEquals(field, refused.details().keySet().iterator().next(), refused.raw());
        });
        ApiResponse unknown = get("/api/v2/statistics/by_date?since=2025-01-01", ADMIN);
        assertEquals(422, unknown.status(), unknown.raw());
        assertEquals(List.of("invalid"), unknown.errorKinds("since"));
        assertEquals(403, get("/api/v2/statistics/by_date?all=true", createUser("hal", "user")).status());
    }
}
