package io.tapeflow.execution;

import jakarta.inject.Singleton;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

import java.time.Duration;
import java.time.Instant;

@Singleton
public class AwaitAcknowledgementHandler implements JobRequestHandler<AwaitAcknowledgement> {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final ExecutionRepository executions;

    public AwaitAcknowledgementHandler(ExecutionRepository executions) {
        this.executions = executions;
    }

    @Override
    public void run(AwaitAcknowledgement request) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Execution execution = executions.findById(request.executionId()).orElse(null);
            if (execution == null || execution.control() == Execution.Control.none) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("execution " + request.executionId() + " did not acknowledge within " + PATIENCE);
    }
}
