package io.tapeflow.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import io.micronaut.scheduling.annotation.Scheduled;
import io.tapeflow.task.TaskStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the whole installation, read from the database every {@code tapeflow.metrics.refresh}
 * (not at each scrape): runs per unfinished status, queue depth, throughput, drives per library, tape
 * free space per pool, webhook deliveries waiting or given up. Every node shows the same values; take
 * one node's (max), do not sum them. When the database cannot be read, the last values stay.
 */
@Singleton
class DatabaseGauges implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseGauges.class);

    /** Lazily: the registry that binds these gauges is itself needed to create the data source. */
    private final BeanProvider<SnapshotReader> reader;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile boolean failing;
    private MultiGauge drives;
    private MultiGauge drivesInUse;
    private MultiGauge utilisation;
    private MultiGauge poolFree;
    private MultiGauge poolTapes;

    DatabaseGauges(BeanProvider<SnapshotReader> reader) {
        this.reader = reader;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TaskStatus status : TaskStatus.UNFINISHED) {
            gauge("tapeflow.executions", "Runs not ended, per status", s -> s.runs().getOrDefault(status.name(), 0L))
                    .tag("status", status.name()).register(registry);
        }
        gauge("tapeflow.queue.depth", "Runs waiting in the queue (in_queue): for a worker, a drive or a tape",
                s -> s.runs().getOrDefault(TaskStatus.in_queue.name(), 0L)).register(registry);
        gauge("tapeflow.throughput", "Bytes per second moved by the runs in progress, together", Snapshot::throughput)
                .baseUnit("bytes_per_second").register(registry);
        for (String status : List.of("queued", "working", "failed")) {
            gauge("tapeflow.webhook.deliveries", "Webhook deliveries waiting to be sent, being sent, or given up",
                    s -> s.deliveries().getOrDefault(status, 0L)).tag("status", status).register(registry);
        }
        drives = MultiGauge.builder("tapeflow.drives").description("Drives of each tape library").register(registry);
        drivesInUse = MultiGauge.builder("tapeflow.drives.in.use").description("Drives held by a run, per tape library").register(registry);
        utilisation = MultiGauge.builder("tapeflow.drive.utilisation").description("Drives in use / drives, per tape library").register(registry);
        poolFree = MultiGauge.builder("tapeflow.pool.free").baseUnit("bytes").description("Free bytes on the tapes of each tape pool")
                .register(registry);
        poolTapes = MultiGauge.builder("tapeflow.pool.tapes").description("Tapes of each tape pool").register(registry);
    }

    private Gauge.Builder<DatabaseGauges> gauge(String name, String description, ToDoubleFunction<Snapshot> value) {
        return Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.snapshot)).description(description);
    }

    @Scheduled(fixedDelay = "${tapeflow.metrics.refresh:15s}", initialDelay = "1s")
    void refresh() {
        Snapshot read;
        try {
            read = reader.get().read();
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("metrics: the database cannot be read, gauges keep their last values: {}", e.toString());
            }
            failing = true;
            return;
        }
        failing = false;
        snapshot = read;
        if (drives == null) {
            return;
        }
        drives.register(read.libraries().stream().map(l -> MultiGauge.Row.of(Tags.of("library", l.name()), l.drives())).toList(), true);
        drivesInUse.register(read.libraries().stream().map(l -> MultiGauge.Row.of(Tags.of("library", l.name()), l.inUse())).toList(), true);
        utilisation.register(read.libraries().stream().map(l -> MultiGauge.Row.of(Tags.of("library", l.name()), l.utilisation())).toList(), true);
        poolFree.register(read.pools().stream().map(p -> MultiGauge.Row.of(Tags.of("pool", p.name()), p.free())).toList(), true);
        poolTapes.register(read.pools().stream().map(p -> MultiGauge.Row.of(Tags.of("pool", p.name()), p.tapes())).toList(), true);
    }
}
