package io.tapeflow.container;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A container as the API shows it. */
@Serdeable
public record ContainerView(long id, String name, String comment, ContainerType type, String path,
                            long quotaTotalSize, long statTotalFiles, long statTotalSize, Instant lastUpdate,
                            Instant creationDate, Instant modificationDate, String creationUsername,
                            String modificationUsername) {

    static ContainerView of(Container container) {
        return new ContainerView(container.id(), container.name(), container.comment(), container.type(),
                container.path(), container.quotaTotalSize(), container.statTotalFiles(), container.statTotalSize(),
                container.lastUpdate(), container.creationDate(), container.modificationDate(),
                container.creationUsername(), container.modificationUsername());
    }
}
