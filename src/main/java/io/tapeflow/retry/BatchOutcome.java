package io.tapeflow.retry;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** The answer to a batch: the job id of each id that started, and why each other one did not. */
@Serdeable
public record BatchOutcome(Map<String, String> jobIds, Map<String, String> errors) {
}
