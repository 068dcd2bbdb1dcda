package io.tapeflow.schedule;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedules API: one schedule per task, checked rules, the owner's visibility and the scopes. */
@MicronautTest(transactional = false)
class TaskScheduleApiTest extends ApiTestSupport {

    private static final String DAILY = "DTSTART;TZID=Europe/Brussels:20260101T020000\nRRULE:FREQ=DAILY";

    private static String path(long task) {
        return "/api/v2/tasks/" + task + "/task_schedule";
    }

    @Test
    void aScheduleIsCreatedReadChangedAndDeleted() {
        long task = createTask(ADMIN, Map.of("name", "crud")).id();

        ApiResponse created = post(path(task), Map.of("rrule", DAILY), ADMIN);

        assertEquals(201, created.status(), created.raw());
        assertEquals(task, ((Number) created.get("task_id")).longValue());
        assertEquals(DAILY, created.get("rrule"));
        assertNull(created.get("cron"));
        assertEquals(false, created.get("catch_up"));
        assertEquals(0, ((Number) created.get("done")).intValue());
        Instant next = Instant.parse((String) created.get("next"));
        assertTrue(next.isAfter(Instant.now()), "the next firing is to come: " + next);
        assertEquals(2, next.atZone(java.time.ZoneId.of("Europe/Brussels")).getHour(), "02:00 in Brussels: " + next);
        assertEquals(created.body(), get(path(task), ADMIN).body());
        assertEquals(409, post(path(task), Map.of("cron", "0 3 * * *"), ADMIN).status(), "one schedule per task");

        ApiResponse changed = put(path(task), Map.of("cron", "30 4 * * 1", "time_zone", "America/New_York", "catch_up", true), ADMIN);

        assertEquals(200, changed.status(), changed.raw());
        assertNull(changed.get("rrule"), "a cron replaces the rrule");
        assertEquals("30 4 * * 1", changed.get("cron"));
        assertEquals("America/New_York", changed.get("time_zone"));
        assertEquals(true, changed.get("catch_up"));
        java.time.ZonedDateTime local = Instant.parse((String) changed.get("next")).atZone(java.time.ZoneId.of("America/New_York"));
        assertEquals(List.of(java.time.DayOfWeek.MONDAY, 4, 30), List.of(local.getDayOfWeek(), local.getHour(), local.getMinute()));
        ApiResponse resent = put(path(task), changed.body(), ADMIN);
        assertEquals(200, resent.status(), "a whole body sent back is accepted: " + resent.raw());
        assertEquals(changed.get("next"), resent.get("next"));

        assertEquals(204, delete(path(task), ADMIN).status());
        assertEquals(404, get(path(task), ADMIN).status());
        assertEquals(404, put(path(task), Map.of("catch_up", false), ADMIN).status());
    }

    @Test
    void aCronWithoutTimeZoneIsReadInUtc() {
        long task = createTask(ADMIN, Map.of("name", "cron-utc")).id();

        ApiResponse created = post(path(task), Map.of("cron", "15 3 * * *"), ADMIN);

        assertEquals(201, created.status(), created.raw());
        assertEquals("UTC", created.get("time_zone"));
        java.time.ZonedDateTime next = Instant.parse((String) created.get("next")).atZone(java.time.ZoneOffset.UTC);
        assertEquals(List.of(3, 15), List.of(next.getHour(), next.getMinute()));
    }

    @Test
    void invalidRulesAreRefusedOnTheirFieldAndNothingIsStored() {
        long task = createTask(ADMIN, Map.of("name", "invalid")).id();

        assertInvalid(task, Map.of("rrule", "DTSTART;TZID=Europe/Brussels:20260101T020000\nRRULE:FREQ=SOMETIMES"), "rrule", "invalid");
        assertInvalid(task, Map.of("rrule", "RRULE:FREQ=DAILY"), "rrule", "invalid");
        assertInvalid(task, Map.of("rrule", "DTSTART:20200101T000000Z\nRRULE:FREQ=DAILY;COUNT=2"), "rrule", "invalid");
        assertInvalid(task, Map.of("cron", "61 * * * *"), "cron", "invalid");
        assertInvalid(task, Map.of("cron", "0 2 * * *", "time_zone", "Nowhere/Land"), "time_zone", "invalid");
        assertInvalid(task, Map.of("rrule", DAILY, "time_zone", "UTC"), "time_zone", "invalid");
        assertInvalid(task, Map.of("rrule", DAILY, "cron", "0 2 * * *"), "cron", "invalid");
        assertInvalid(task, Map.of("catch_up", true), "rrule", "blank");
        assertInvalid(task, Map.of("rrule", DAILY, "colour", "blue"), "colour", "invalid");
        assertEquals(404, get(path(task), ADMIN).status(), "nothing was stored");

        assertEquals(201, post(path(task), Map.of("rrule", DAILY), ADMIN).status());
        assertInvalid(task, Map.of("rrule", "nonsense"), "rrule", "invalid", "PUT");
        assertEquals(DAILY, get(path(task), ADMIN).get("rrule"), "a refused change changes nothing");
    }

    private void assertInvalid(long task, Map<String, Object> body, String field, String kind) {
        assertInvalid(task, body, field, kind, "POST");
    }

    private void assertInvalid(long task, Map<String, Object> body, String field, String kind, String method) {
        ApiResponse response = method.equals("POST") ? post(path(task), body, ADMIN) : put(path(task), body, ADMIN);
        assertEquals(422, response.status(), body + " -> " + response.raw());
        assertEquals(List.of(kind), response.errorKinds(field), response.raw());
        assertTrue(!response.messages().isEmpty() && !response.messages().get(0).isBlank(), response.raw());
    }

    @Test
    void usersSeeOnlyTheSchedulesOfTheirOwnTasks() {
        Auth alice = createUser("alice-sched", "user");
        Auth bob = createUser("bob-sched", "user");
        long alicesTask = createTask(alice, Map.of("name", "alice-task")).id();
        long bobsTask = createTask(bob, Map.of("name", "bob-task")).id();
        long alices = post(path(alicesTask), Map.of("rrule", DAILY), alice).id();
        assertEquals(201, post(path(bobsTask), Map.of("cron", "0 1 * * *"), bob).status());

        assertEquals(404, get(path(alicesTask), bob).status(), "someone else's task does not exist for bob");
        assertEquals(404, post(path(alicesTask), Map.of("rrule", DAILY), bob).status());
        assertEquals(404, delete(path(alicesTask), bob).status());
        ApiResponse alicesList = get("/api/v2/task_schedules", alice);
        assertEquals(1L, ((Number) alicesList.get("count")).longValue(), alicesList.raw());
        assertEquals(alices, ((Number) alicesList.list("task_schedules").get(0).get("id")).longValue());
        assertEquals(403, get("/api/v2/task_schedules?all=true", alice).status());
        ApiResponse all = get("/api/v2/task_schedules?all=true&task_id=%3E%3C" + alicesTask + "%7C" + bobsTask + "&sort_by=task_id:desc", ADMIN);
        assertEquals(2L, ((Number) all.get("count")).longValue(), all.raw());
        assertEquals(bobsTask, ((Number) all.list("task_schedules").get(0).get("task_id")).longValue());
    }

    @Test
    void theListShowsTheNextFiringWhenAskedAndFiltersLikeEveryList() {
        long daily = createTask(ADMIN, Map.of("name", "list-daily")).id();
        long cron = createTask(ADMIN, Map.of("name", "list-cron")).id();
        post(path(daily), Map.of("rrule", DAILY, "catch_up", true), ADMIN);
        post(path(cron), Map.of("cron", "0 5 * * *"), ADMIN);

        ApiResponse plain = get("/api/v2/task_schedules?task_id=" + daily, ADMIN);
        ApiResponse withNext = get("/api/v2/task_schedules?with_next=true&task_id=" + daily, ADMIN);
        ApiResponse caughtUp = get("/api/v2/task_schedules?catch_up=true&task_id=%3E%3C" + daily + "%7C" + cron, ADMIN);

        assertNull(plain.list("task_schedules").get(0).get("next"), plain.raw());
        assertNotNull(withNext.list("task_schedules").get(0).get("next"), withNext.raw());
        assertEquals(1L, ((Number) caughtUp.get("count")).longValue(), caughtUp.raw());
        assertEquals(daily, ((Number) caughtUp.list("task_schedules").get(0).get("task_id")).longValue());
        assertEquals(422, get("/api/v2/task_schedules?with_next=maybe", ADMIN).status());
        assertEquals(422, get("/api/v2/task_schedules?sort_by=colour", ADMIN).status());
        assertEquals(422, get("/api/v2/task_schedules?next=yesterday", ADMIN).status());
    }

    @Test
    void anApiKeyNeedsTheScheduleScopes() {
        long task = createTask(ADMIN, Map.of("name", "scoped")).id();
        Auth reader = createKey(ADMIN, "task_schedules/show", "task_schedules/index");
        Auth writer = createKey(ADMIN, "task_schedules/create");

        assertEquals(403, post(path(task), Map.of("rrule", DAILY), reader).status());
        assertEquals(201, post(path(task), Map.of("rrule", DAILY), writer).status());
        assertEquals(200, get(path(task), reader).status());
        assertEquals(200, get("/api/v2/task_schedules", reader).status());
        assertEquals(403, get(path(task), writer).status());
        assertEquals(403, put(path(task), Map.of("catch_up", true), writer).status());
        assertEquals(403, delete(path(task), writer).status());
    }

    @Test
    void deletingTheTaskRemovesItsSchedule() {
        long task = createTask(ADMIN, Map.of("name", "doomed")).id();
        long schedule = post(path(task), Map.of("rrule", DAILY), ADMIN).id();

        assertEquals(204, delete("/api/v2/tasks/" + task, ADMIN).status());

        assertEquals(0L, ((Number) get("/api/v2/task_schedules?all=true&id=" + schedule, ADMIN).get("count")).longValue());
    }
}
