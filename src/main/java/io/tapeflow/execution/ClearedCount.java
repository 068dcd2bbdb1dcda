package io.tapeflow.execution;

import io.micronaut.serde.annotation.Serdeable;

/** How many rows a clearing removed. */
@Serdeable
public record ClearedCount(long count) {
}
