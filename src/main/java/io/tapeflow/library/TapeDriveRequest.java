package io.tapeflow.library;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.util.Set;

/**
 * The fields of a drive an admin writes; null means "not sent". What the drive holds and does
 * (barcode, run, progress) is Tapeflow's: sent back, it is ignored.
 */
@Serdeable
public record TapeDriveRequest(String name, String serial, String device, DeviceStatus status) {

    private static final Set<String> WRITABLE = Set.of("name", "serial", "device", "status");
    private static final Set<String> READ_ONLY = Set.of("id", "tape_library_id", "barcode", "task_id", "mount_count",
            "use_file_name_processed", "use_file_processed_size", "use_file_size_to_process", "bandwidth");

    static TapeDriveRequest read(JsonNode node, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, WRITABLE, READ_ONLY, errors);
        String device = body.text("device", 4096, false);
        if (device != null && !device.isEmpty() && !device.startsWith("/")) {
            errors.add("device", "invalid", "device must be an absolute path");
        }
        return new TapeDriveRequest(body.text("name", 255, body.has("name")), body.text("serial", 255, false), device,
                body.enumeration("status", DeviceStatus.class));
    }
}
