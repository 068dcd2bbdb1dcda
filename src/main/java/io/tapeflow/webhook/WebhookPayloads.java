package io.tapeflow.webhook;

import io.micronaut.json.JsonMapper;
import io.tapeflow.execution.ExecutionEvent;
import io.tapeflow.execution.ExecutionRepository;
import io.tapeflow.execution.ExecutionView;
import io.tapeflow.library.TapeEvent;
import io.tapeflow.library.TapeRepository;
import io.tapeflow.library.TapeView;
import io.tapeflow.persistence.DbTime;
import io.tapeflow.pool.PoolRepository;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of a delivery: {@code {"event", "occurred_at", ...}} with the execution, tape, pool
 * and drive concerned, each as the API shows it, read when the event is handed to the webhooks.
 */
@Singleton
class WebhookPayloads {

    private final JsonMapper json;
    private final ExecutionRepository executions;
    private final TapeRepository tapes;
    private final PoolRepository pools;

    WebhookPayloads(JsonMapper json, ExecutionRepository executions, TapeRepository tapes, PoolRepository pools) {
        this.json = json;
        this.executions = executions;
        this.tapes = tapes;
        this.pools = pools;
    }

    String of(ExecutionEvent event) {
        Map<String, Object> body = start(WebhookEventType.of(event.type()));
        executions.findById(event.executionId()).ifPresent(e -> body.put("execution", ExecutionView.of(e)));
        return write(body);
    }

    String of(TapeEvent event) {
        Map<String, Object> body = start(WebhookEventType.of(event.type()));
        body.put("message", event.message());
        if (event.executionId() != null) {
            executions.findById(event.executionId()).ifPresent(e -> body.put("execution", ExecutionView.of(e)));
        }
        if (event.tapeId() != null) {
            tapes.findById(event.tapeId()).ifPresent(t -> body.put("tape", TapeView.of(t)));
        }
        if (event.poolId() != null) {
            pools.findById(event.poolId()).ifPresent(p -> body.put("pool", Map.of("id", p.id(), "name", p.name())));
        }
        if (event.driveNumber() != null) {
            body.put("drive", Map.of("tape_library_id", event.libraryId(), "number", event.driveNumber()));
        }
        return write(body);
    }

    private static Map<String, Object> start(WebhookEventType type) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", type.name());
        body.put("occurred_at", DbTime.now().toString());
        return body;
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
