package io.tapeflow.library;

import io.micronaut.serde.annotation.Serdeable;

/** A drive as the API shows it: its settings, the cartridge loaded, and the holding run's live progress. */
@Serdeable
public record TapeDriveView(long id, long tapeLibraryId, String name, String serial, String device, DeviceStatus status,
                            String barcode, Long taskId, long mountCount, String useFileNameProcessed,
                            Long useFileProcessedSize, Long useFileSizeToProcess, long bandwidth) {

    static TapeDriveView of(TapeDrive drive) {
        return new TapeDriveView(drive.id(), drive.tapeLibraryId(), drive.name(), drive.serial(), drive.device(),
                drive.status(), drive.barcode(), drive.taskId(), drive.mountCount(), drive.useFileNameProcessed(),
                drive.useFileProcessedSize(), drive.useFileSizeToProcess(), drive.bandwidth());
    }
}
