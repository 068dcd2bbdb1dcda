package io.tapeflow.webhook;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.job.JobRunrServer;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.TestSql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhooks API: admin-only CRUD, validation, the write-only secret, lists and scopes. */
@MicronautTest(transactional = false)
class WebhookApiTest extends ApiTestSupport {

    private static final String SECRET = "a-long-shared-secret";

    private ApiResponse create(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("url", "https://hooks.example.com/tapeflow",
                "events", List.of("execution_failed"), "secret", SECRET));
        body.putAll(fields);
        return post("/api/v2/webhooks", body, ADMIN);
    }

    @Inject
    PruneDeliveriesHandler prune;

    @Inject
    JobRunrServer jobs;

    @Inject
    DataSource dataSource;

    private long count() {
        return ((Number) get("/api/v2/webhooks?limit=0", ADMIN).get("count")).longValue();
    }

    @Test
    void aCreatedWebhookShowsItsEventsButNeverItsSecret() {
        ApiResponse created = create(Map.of("events", List.of("tape_full", "execution_started", "tape_full")));

        assertEquals(201, created.status(), created.raw());
        assertEquals(List.of("execution_started", "tape_full"), created.get("events"), "no repeats, in a fixed order");
        assertEquals(true, created.get("has_secret"));
        assertEquals(true, created.get("active"));
        assertEquals("admin", created.get("creation_username"));
        assertFalse(created.body().containsKey("secret"), created.raw());
        assertFalse(created.raw().contains(SECRET));

        ApiResponse shown = get("/api/v2/webhooks/" + created.id(), ADMIN);
        assertEquals(200, shown.status());
        assertFalse(shown.raw().contains(SECRET));
        assertEquals(created.get("events"), shown.get("events"));
    }

    @Test
    void anUpdateChangesOnlyWhatItSendsAndAcceptsTheWholeObjectBack() {
        ApiResponse created = create(Map.of("events", List.of("drive_error")));
        Map<String, Object> back = new HashMap<>(created.body());
        back.put("active", false);

        ApiResponse updated = put("/api/v2/webhooks/" + created.id(), back, ADMIN);

        assertEquals(200, updated.status(), updated.raw());
        assertEquals(false, updated.get("active"));
        assertEquals(List.of("drive_error"), updated.get("events"));
        assertEquals(true, updated.get("has_secret"));

        ApiResponse events = put("/api/v2/webhooks/" + created.id(), Map.of("events", List.of("tape_error", "execution_finished")), ADMIN);
        assertEquals(List.of("execution_finished", "tape_error"), events.get("events"), "the events sent replace the old ones");
        assertEquals("https://hooks.example.com/tapeflow", events.get("url"));
    }

    @Test
    void badRequestsAreRefusedWithEveryFieldErrorAndWriteNothing() {
        long before = count();

        ApiResponse empty = post("/api/v2/webhooks", Map.of(), ADMIN);
        assertEquals(422, empty.status(), empty.raw());
        assertEquals(List.of("blank"), empty.errorKinds("url"));
        assertEquals(List.of("blank"), empty.errorKinds("events"));
        assertEquals(List.of("blank"), empty.errorKinds("secret"));

        ApiResponse bad = create(Map.of("url", "ftp://example.com/x", "events", List.of("execution_started", "tape_exploded"),
                "secret", "short", "colour", "red"));
        assertEquals(422, bad.status(), bad.raw());
        assertEquals(List.of("invalid"), bad.errorKinds("url"));
        assertEquals(List.of("inclusion"), bad.errorKinds("events"));
        assertEquals(List.of("too_short"), bad.errorKinds("secret"));
        assertEquals(List.of("invalid"), bad.errorKinds("colour"));

        assertEquals(422, create(Map.of("events", List.of())).status(), "at least one event");
        assertEquals(422, create(Map.of("url", "not a url")).status());
        assertEquals(before, count(), "nothing was written");

        long id = create(Map.of()).id();
        ApiResponse refused = put("/api/v2/webhooks/" + id, Map.of("url", "mailto:ops@example.com"), ADMIN);
        assertEquals(422, refused.status());
        assertEquals("https://hooks.example.com/tapeflow", get("/api/v2/webhooks/" + id, ADMIN).get("url"));
    }

    @Test
    void listsFilterByEventAndDeletingForgetsTheWebhook() {
        long full = create(Map.of("url", "https://a.example.com/full", "events", List.of("tape_full"))).id();
        long started = create(Map.of("url", "https://a.example.com/started", "events", List.of("execution_started"))).id();

        ApiResponse subscribed = get("/api/v2/webhooks?events=tape_full&url=~https://a.example.com/%25", ADMIN);
        assertEquals(200, subscribed.status(), subscribed.raw());
        assertEquals(List.of(full), subscribed.list("webhooks").stream().map(w -> ((Number) w.get("id")).longValue()).toList());
        assertEquals(422, get("/api/v2/webhooks?events=tape_exploded", ADMIN).status());
        assertEquals(422, get("/api/v2/webhooks?sort_by=secret", ADMIN).status());

        assertEquals(204, delete("/api/v2/webhooks/" + started, ADMIN).status());
        assertEquals(404, get("/api/v2/webhooks/" + started, ADMIN).status());
        assertEquals(404, get("/api/v2/webhooks/" + started + "/deliveries", ADMIN).status());
        assertEquals(404, get("/api/v2/webhooks/not-a-number", ADMIN).status());
    }

    @Test
    void onlyAdminsAndKeysWithTheScopeReachWebhooks() {
        long id = create(Map.of()).id();
        Auth user = createUser("hook-user", "user");

        assertEquals(403, get("/api/v2/webhooks", user).status());
        assertEquals(403, post("/api/v2/webhooks", Map.of("url", "https://x.example.com/", "events", List.of("tape_full"),
                "secret", SECRET), user).status());
        assertEquals(401, get("/api/v2/webhooks", Auth.NONE).status());

        Auth reader = createKey(ADMIN, "webhooks/index", "webhooks/deliveries");
        assertEquals(200, get("/api/v2/webhooks", reader).status());
        assertEquals(200, get("/api/v2/webhooks/" + id + "/deliveries", reader).status());
        assertEquals(403, get("/api/v2/webhooks/" + id, reader).status(), "webhooks/show was not granted");
        assertEquals(403, delete("/api/v2/webhooks/" + id, reader).status());
        assertTrue(get("/api/v2/webhooks/" + id, ADMIN).status() == 200, "the refused delete changed nothing");
    }

    @Test
    void deliveriesThatEndedLongAgoArePrunedDailyAndWaitingOnesAreKept() {
        long id = create(Map.of()).id();
        TestSql sql = new TestSql(dataSource);
        String insert = "INSERT INTO webhook_delivery (webhook_id, event, payload, status, attempts, job_id, creation_date) "
                + "VALUES (?, 'execution_failed', '{}', ?, 1, 'job', ?)";
        java.time.Instant old = java.time.Instant.now().minus(java.time.Duration.ofDays(45));
        sql.insert(insert, id, "completed", old);
        sql.insert(insert, id, "failed", old);
        long waiting = sql.insert(insert, id, "queued", old);
        long recent = sql.insert(insert, id, "completed", java.time.Instant.now().minus(java.time.Duration.ofDays(2)));

        prune.run(new PruneDeliveries());

        List<Long> kept = get("/api/v2/webhooks/" + id + "/deliveries?sort_by=id", ADMIN).list("deliveries").stream()
                .map(d -> ((Number) d.get("id")).longValue()).toList();
        assertEquals(List.of(waiting, recent), kept);
        assertTrue(jobs.storage().getRecurringJobs().stream().anyMatch(j -> PruneDeliveriesHandler.RECURRING_ID.equals(j.getId())),
                "the prune is scheduled daily");
    }
}
