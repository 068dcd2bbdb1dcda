package io.tapeflow.webhook;

import io.tapeflow.execution.ExecutionEvent;
import io.tapeflow.library.TapeEvent;

/** What a webhook may be told about. Wire values. */
public enum WebhookEventType {
    execution_started, execution_finished, execution_failed, tape_full, tape_error, drive_error;

    static WebhookEventType of(ExecutionEvent.Type type) {
        return switch (type) {
            case started -> execution_started;
            case finished -> execution_finished;
            case failed -> execution_failed;
        };
    }

    static WebhookEventType of(TapeEvent.Type type) {
        return switch (type) {
            case tape_full -> tape_full;
            case tape_error -> tape_error;
            case drive_error -> drive_error;
        };
    }
}
