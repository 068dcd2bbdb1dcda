package io.tapeflow.library;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Library settings ({@code tapeflow.library.*}).
 *
 * @param virtualCapacity the bytes a virtual cartridge holds unless its library says otherwise (1 TB);
 *                        tests set a few MiB so that filling a tape is quick
 */
@ConfigurationProperties("tapeflow.library")
public record LibraryConfiguration(@Bindable(defaultValue = "1000000000000") long virtualCapacity) {
}
