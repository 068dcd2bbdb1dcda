package io.tapeflow.task;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

@Serdeable
public record TaskOptionList(long count, List<TaskOption> taskOptions) {
}
