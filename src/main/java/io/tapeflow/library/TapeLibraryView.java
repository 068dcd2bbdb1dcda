package io.tapeflow.library;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A library as the API shows it. */
@Serdeable
public record TapeLibraryView(long id, String name, String comment, LibraryProtocol protocol, String device,
                              String serial, String vendor, String product, int storageSlots, int ioSlots,
                              DeviceStatus status, Instant creationDate, Instant modificationDate,
                              String creationUsername, String modificationUsername) {

    static TapeLibraryView of(TapeLibrary library) {
        return new TapeLibraryView(library.id(), library.name(), library.comment(), library.protocol(), library.device(),
                library.serial(), library.vendor(), library.product(), library.storageSlots(), library.ioSlots(),
                library.status(), library.creationDate(), library.modificationDate(), library.creationUsername(),
                library.modificationUsername());
    }
}
