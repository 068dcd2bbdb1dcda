package io.tapeflow.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;

import java.time.Duration;

/**
 * Health settings ({@code tapeflow.health.*}).
 *
 * @param containerMinFree     a destination container with less free space than this (bytes; "50GB" works)
 *                             makes the service DEGRADED
 * @param libraryCheckInterval how long a library's answer to an inventory is trusted before the robot is asked again
 */
@ConfigurationProperties("tapeflow.health")
public record HealthConfiguration(
        @ReadableBytes @Bindable(defaultValue = "1GB") long containerMinFree,
        @Bindable(defaultValue = "60s") Duration libraryCheckInterval) {
}
