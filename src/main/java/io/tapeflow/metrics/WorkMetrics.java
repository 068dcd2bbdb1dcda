package io.tapeflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import io.tapeflow.execution.ExecutionEvent;
import io.tapeflow.execution.ExecutionProgressed;
import jakarta.inject.Singleton;

/**
 * Counters of the work this node's runs committed: bytes and files processed per workflow action and
 * destination type, and runs ended per status. Counted after the commit, so a checkpoint that rolls
 * back (and is redone by the retried job) counts once. Each node counts its own: sum them.
 */
@Singleton
class WorkMetrics {

    private final MeterRegistry registry;

    WorkMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onProgress(ExecutionProgressed progressed) {
        String action = progressed.workflowAction().name();
        String destination = progressed.destinationType() == null ? "none" : progressed.destinationType().name();
        Counter.builder("tapeflow.processed").baseUnit("bytes")
                .description("Bytes runs got through (copied, archived, restored, scanned), per workflow action and destination type")
                .tags("workflow_action", action, "destination_type", destination)
                .register(registry).increment(progressed.bytes());
        Counter.builder("tapeflow.processed.files")
                .description("Files runs completed, per workflow action and destination type")
                .tags("workflow_action", action, "destination_type", destination)
                .register(registry).increment(progressed.files());
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onExecution(ExecutionEvent event) {
        if (event.type() != ExecutionEvent.Type.started) {
            Counter.builder("tapeflow.executions.ended").description("Runs that ended, per final status")
                    .tags("status", event.status().name()).register(registry).increment();
        }
    }
}
