package io.tapeflow.task;

import io.micronaut.serde.annotation.Serdeable;

/** One option of a task, as the vendor's API shows it: {@code {"id", "type", "value"}}. */
@Serdeable
public record TaskOption(long id, TaskOptionType type, String value) {
}
