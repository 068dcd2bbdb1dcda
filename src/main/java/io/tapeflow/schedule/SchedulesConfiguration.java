package io.tapeflow.schedule;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Schedule settings ({@code tapeflow.schedules.*}).
 *
 * @param enabled          whether this node fires schedules (every node may: each firing is claimed once)
 * @param tick             how often this node looks for due schedules
 * @param misfireThreshold a firing found later than this was missed (no node was running) rather than late
 * @param batch            how many due schedules one tick takes on
 */
@ConfigurationProperties("tapeflow.schedules")
public record SchedulesConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1s") Duration tick,
        @Bindable(defaultValue = "1m") Duration misfireThreshold,
        @Bindable(defaultValue = "100") int batch) {
}
