package io.tapeflow.batch;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** Per id as the request gave it: the job of each action requested, or why none was. */
@Serdeable
public record BatchActionResult(Map<String, String> jobIds, Map<String, String> errors) {
}
