package io.tapeflow.metrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Metrics settings ({@code tapeflow.metrics.*}).
 *
 * @param refresh how often the gauges read from the database (runs, drives, pools, deliveries) are read again
 */
@ConfigurationProperties("tapeflow.metrics")
public record MetricsConfiguration(@Bindable(defaultValue = "15s") Duration refresh) {
}
