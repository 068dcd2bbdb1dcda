package io.tapeflow.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A page of webhooks; {@code next_cursor} is present while more rows follow. */
@Serdeable
public record WebhookList(long count, List<WebhookView> webhooks, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
}
