package io.tapeflow.batch;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** The ids (as the request gave them) of the tasks deleted, and why the others were not. */
@Serdeable
public record BatchDeleteResult(List<String> deleted, Map<String, String> errors) {
}
