package io.tapeflow.library;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A tape library. {@code device} is the virtual library's directory or the scsi changer's sg device.
 */
@MappedEntity("tape_library")
public record TapeLibrary(
        @Id @GeneratedValue Long id,
        String name,
        @Nullable String comment,
        LibraryProtocol protocol,
        String device,
        @Nullable String serial,
        @Nullable String vendor,
        @Nullable String product,
        int storageSlots,
        int ioSlots,
        DeviceStatus status,
        Instant creationDate,
        Instant modificationDate,
        String creationUsername,
        String modificationUsername) {
}
