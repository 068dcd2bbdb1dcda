package io.tapeflow.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * A health check that blocks (JDBC, file systems, a tape robot), run on the blocking executor; one
 * that throws reports {@link #failure()} with the error. Stateless, so concurrent checks never mix.
 */
abstract class BlockingHealthIndicator implements HealthIndicator {

    private final Scheduler scheduler;

    BlockingHealthIndicator(ExecutorService blocking) {
        this.scheduler = Schedulers.fromExecutorService(blocking);
    }

    abstract String name();

    abstract HealthResult check();

    /** The status when the check itself fails. */
    HealthStatus failure() {
        return HealthStatus.UNKNOWN;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(() -> {
            try {
                return check();
            } catch (RuntimeException e) {
                // the message only: a health poll every few seconds must not log a stack trace each time
                return HealthResult.builder(name(), failure())
                        .details(Map.of("error", e.getMessage() == null ? e.toString() : e.getMessage())).build();
            }
        }).subscribeOn(scheduler);
    }
}
