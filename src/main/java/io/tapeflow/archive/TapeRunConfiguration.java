package io.tapeflow.archive;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Tape run settings ({@code tapeflow.tape-runs.*}).
 *
 * @param driveWaitTimeout how long a run waits for a drive and cartridge before it ends in error
 */
@ConfigurationProperties("tapeflow.tape-runs")
public record TapeRunConfiguration(@Bindable(defaultValue = "1h") Duration driveWaitTimeout) {
}
