package io.tapeflow.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A page of one webhook's deliveries; {@code next_cursor} is present while more rows follow. */
@Serdeable
public record DeliveryList(long count, List<DeliveryView> deliveries, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
}
