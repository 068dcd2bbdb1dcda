package io.tapeflow.webhook;

import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.CopyRuns;
import io.tapeflow.support.Scrape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deliveries of run events to a receiver on the loopback interface: signed, retried, never in a run's way. */
@MicronautTest(transactional = false)
class WebhookDeliveryTest extends ApiTestSupport {

    private static final String SECRET = "correct horse battery staple";
    private final CopyRuns runs = new CopyRuns(this);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tapeflow.webhooks.retries", "2");
        properties.put("tapeflow.webhooks.retry-backoff", "1s");
        properties.put("tapeflow.webhooks.max-backoff", "2s");
        // long enough for a receiver held on purpose to stay unanswered
        properties.put("tapeflow.webhooks.response-timeout", "5m");
        properties.put("tapeflow.webhooks.concurrency", "2");
        return properties;
    }

    /** Each test's webhooks go with it: a later test's runs must not be delivered to a receiver that is closed. */
    @AfterEach
    void forgetWebhooks() {
        for (Map<String, Object> webhook : get("/api/v2/webhooks?limit=1000", ADMIN).list("webhooks")) {
            delete("/api/v2/webhooks/" + ((Number) webhook.get("id")).longValue(), ADMIN);
        }
    }

    private static double failuresCounted(Scrape metrics) {
        return metrics.value("tapeflow_webhook_delivery_failures_total", "event", "execution_started")
                + metrics.value("tapeflow_webhook_delivery_failures_total", "event", "execution_finished");
    }

    private long webhook(String url, List<String> events, boolean active) {
        ApiResponse created = post("/api/v2/webhooks", Map.of("url", url, "events", events, "secret", SECRET, "active", active), ADMIN);
        assertEquals(201, created.status(), created.raw());
        return created.id();
    }

    private List<Map<String, Object>> deliveries(long webhook) {
        ApiResponse list = get("/api/v2/webhooks/" + webhook + "/deliveries?limit=100", ADMIN);
        assertEquals(200, list.status(), list.raw());
        return list.list("deliveries");
    }

    private static Path sourceWith(int files) throws IOException {
        Path source = Files.createTempDirectory("tf-hook-src");
        for (int i = 0; i < files; i++) {
            Files.writeString(source.resolve("file" + i + ".txt"), "content of file " + i);
        }
        return source;
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private Map<String, Object> parse(byte[] body) throws IOException {
        return json.readValue(body, Argument.mapOf(String.class, Object.class));
    }

    @Test
    void aRunsStartAndEndReachTheReceiverSignedOnceEach() throws Exception {
        try (Receiver receiver = new Receiver()) {
            long hook = webhook(receiver.url(), List.of("execution_started", "execution_finished"), true);
            long inactive = webhook(receiver.url() + "?inactive", List.of("execution_finished"), false);
            long task = runs.copyTask("signed", sourceWith(3), Files.createTempDirectory("tf-hook-dst"));

            ApiResponse execution = runs.runToEnd(task);

            assertEquals("done", execution.get("status"), execution.raw());
            CopyRuns.await("both deliveries completed", () -> deliveries(hook).size() == 2
                    && deliveries(hook).stream().allMatch(d -> "completed".equals(d.get("status"))));
            List<Receiver.Request> requests = receiver.requests();
            assertEquals(2, requests.size(), "one request per event, none for the inactive webhook");
            Map<String, Receiver.Request> byEvent = requests.stream().collect(Collectors.toMap(Receiver.Request::event, r -> r));
            for (Receiver.Request request : requests) {
                assertEquals(hmac(request.body()), request.signature(), "the signature is the body's HMAC-SHA256 under the secret");
                assertEquals("application/json", request.contentType());
                Map<String, Object> body = parse(request.body());
                assertEquals(request.event(), body.get("event"));
                assertNotNull(body.get("occurred_at"));
                @SuppressWarnings("unchecked")
                Map<String, Object> run = (Map<String, Object>) body.get("execution");
                assertEquals(execution.id(), ((Number) run.get("id")).longValue());
                assertEquals(task, ((Number) run.get("task_id")).longValue());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> finished = (Map<String, Object>) parse(byEvent.get("execution_finished").body()).get("execution");
            assertEquals("done", finished.get("status"));
            assertEquals(3, ((Number) finished.get("processed_files")).intValue());

            for (Map<String, Object> delivery : deliveries(hook)) {
                assertEquals(1, ((Number) delivery.get("attempts")).intValue(), delivery.toString());
                assertEquals(200, ((Number) delivery.get("status_code")).intValue());
                assertNull(delivery.get("last_error"));
                assertNotNull(delivery.get("completed_date"));
                Receiver.Request sent = byEvent.get((String) delivery.get("event"));
                assertEquals(String.valueOf(((Number) delivery.get("id")).longValue()), sent.delivery());
                assertEquals(delivery.get("payload"), sent.text(), "the delivery shows the exact body sent");
            }
            assertTrue(deliveries(inactive).isEmpty(), "an inactive webhook gets no delivery");
            assertEquals(1, deliveries(hook).stream().filter(d -> "execution_started".equals(d.get("event"))).count());
        }
    }

    @Test
    void aHungReceiverHoldsUpNoRunAndAFailingOneIsRetriedUntilGivenUp() throws Exception {
        double failedBefore = failuresCounted(new Scrape(get("/prometheus", Auth.NONE).raw()));
        try (Receiver receiver = new Receiver()) {
            receiver.hold();
            receiver.answer(500);
            long hook = webhook(receiver.url(), List.of("execution_started", "execution_finished"), true);

            ApiResponse first = runs.runToEnd(runs.copyTask("hung-1", sourceWith(2), Files.createTempDirectory("tf-hook-dst")));
            assertEquals("done", first.get("status"), first.raw());
            CopyRuns.await("a delivery hanging at the receiver", () -> receiver.held() >= 1);

            ApiResponse second = runs.runToEnd(runs.copyTask("hung-2", sourceWith(2), Files.createTempDirectory("tf-hook-dst")));

            assertEquals("done", second.get("status"), second.raw());
            assertTrue(receiver.held() >= 1, "the second run ended while the receiver still held a delivery unanswered");
            assertTrue(deliveries(hook).stream().noneMatch(d -> "completed".equals(d.get("status")) || "failed".equals(d.get("status"))),
                    "no delivery could have ended yet: " + deliveries(hook));

            receiver.release();
            CopyRuns.await("all four deliveries given up", () -> deliveries(hook).size() == 4
                    && deliveries(hook).stream().allMatch(d -> "failed".equals(d.get("status"))));
            for (Map<String, Object> delivery : deliveries(hook)) {
                assertEquals(3, ((Number) delivery.get("attempts")).intValue(), "the first attempt and 2 retries: " + delivery);
                assertEquals(500, ((Number) delivery.get("status_code")).intValue());
                assertTrue(((String) delivery.get("last_error")).startsWith("HTTP 500"), delivery.toString());
                String id = String.valueOf(((Number) delivery.get("id")).longValue());
                List<Receiver.Request> attempts = receiver.requests().stream().filter(r -> id.equals(r.delivery())).toList();
                assertEquals(3, attempts.size(), "each attempt reached the receiver");
                assertTrue(attempts.stream().allMatch(r -> r.text().equals(delivery.get("payload")) && r.signature().equals(attempts.get(0).signature())),
                        "every attempt sends the same signed body");
            }
            assertEquals(12, failuresCounted(new Scrape(get("/prometheus", Auth.NONE).raw())) - failedBefore,
                    "every failed attempt is counted");
        }
    }
}
