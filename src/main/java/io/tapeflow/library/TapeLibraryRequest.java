package io.tapeflow.library;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of a library an admin writes; null means "not sent". The geometry ({@code protocol},
 * slots, drives, cartridges) is set once on creation: a {@code virtual} library is made with
 * {@code drives}, {@code storage_slots}, {@code io_slots}, {@code cartridges} of
 * {@code cartridge_capacity} bytes labelled {@code barcode_prefix}0001L9...; a {@code scsi} library
 * names its changer {@code device} and its drives' {@code drive_devices}.
 */
@Serdeable
public record TapeLibraryRequest(String name, String comment, LibraryProtocol protocol, String device, String serial,
                                 String vendor, String product, Integer storageSlots, Integer ioSlots,
                                 DeviceStatus status, Integer drives, Integer cartridges, Long cartridgeCapacity,
                                 String barcodePrefix, List<String> driveDevices) {

    static final int MAX_DRIVES = 64;
    static final int MAX_SLOTS = 9999;
    private static final Pattern BARCODE_PREFIX = Pattern.compile("[A-Z0-9]{1,4}");
    private static final Set<String> EDITABLE = Set.of("name", "comment", "device", "serial", "vendor", "product", "status");
    private static final Set<String> CREATION = Set.of("protocol", "storage_slots", "io_slots", "drives", "cartridges",
            "cartridge_capacity", "barcode_prefix", "drive_devices");
    private static final Set<String> READ_ONLY = Set.of("id", "creation_date", "modification_date",
            "creation_username", "modification_username");
    // A library read back and sent whole carries its geometry: ignored on update.
    private static final Set<String> READ_ONLY_ON_UPDATE = Set.of("id", "protocol", "storage_slots", "io_slots",
            "creation_date", "modification_date", "creation_username", "modification_username");

    /** @param create whether this creates a library, so that required fields must be present */
    static TapeLibraryRequest read(JsonNode node, boolean create, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, create ? union(EDITABLE, CREATION) : EDITABLE,
                create ? READ_ONLY : READ_ONLY_ON_UPDATE, errors);
        String name = body.text("name", 255, create || body.has("name"));
        if (name != null && (name.contains("/") || name.equals(".") || name.equals(".."))) {
            errors.add("name", "invalid", "name must not contain / nor be . or ..: it names the library in URLs and directories");
        }
        LibraryProtocol protocol = create ? body.enumeration("protocol", LibraryProtocol.class) : null;
        String device = body.text("device", 4096, body.has("device") || (create && protocol == LibraryProtocol.scsi));
        if (device != null && !device.startsWith("/")) {
            errors.add("device", "invalid", "device must be an absolute path");
        }
        TapeLibraryRequest request = new TapeLibraryRequest(name, body.text("comment", 4000, false), protocol, device,
                body.text("serial", 255, false), body.text("vendor", 255, false), body.text("product", 255, false),
                create ? body.integer("storage_slots", 1, MAX_SLOTS) : null,
                create ? body.integer("io_slots", 0, MAX_SLOTS) : null,
                body.enumeration("status", DeviceStatus.class),
                create ? body.integer("drives", 1, MAX_DRIVES) : null,
                create ? body.integer("cartridges", 0, MAX_SLOTS) : null,
                create ? body.wholeNumber("cartridge_capacity", 1, Long.MAX_VALUE) : null,
                create ? barcodePrefix(body, errors) : null,
                create ? devices(body, errors) : null);
        if (create) {
            request.checkProtocolFields(errors);
        }
        return request;
    }

    /** The protocol a new library gets: virtual unless it says scsi. */
    LibraryProtocol effectiveProtocol() {
        return protocol == null ? LibraryProtocol.virtual : protocol;
    }

    private void checkProtocolFields(FieldErrors errors) {
        if (effectiveProtocol() == LibraryProtocol.scsi) {
            notFor("drives", drives, errors);
            notFor("cartridges", cartridges, errors);
            notFor("cartridge_capacity", cartridgeCapacity, errors);
            notFor("barcode_prefix", barcodePrefix, errors);
            if (driveDevices == null || driveDevices.isEmpty()) {
                errors.add("drive_devices", "blank", "drive_devices can't be blank: name the nst device of each drive");
            }
        } else {
            notFor("drive_devices", driveDevices, errors);
        }
    }

    private void notFor(String field, Object value, FieldErrors errors) {
        if (value != null) {
            errors.add(field, "invalid", field + " is not an attribute of a " + effectiveProtocol() + " library");
        }
    }

    private static String barcodePrefix(JsonBody body, FieldErrors errors) {
        String prefix = body.text("barcode_prefix", 4, false);
        if (prefix != null && !BARCODE_PREFIX.matcher(prefix).matches()) {
            errors.add("barcode_prefix", "invalid", "barcode_prefix must be 1 to 4 upper-case letters or digits");
            return null;
        }
        return prefix;
    }

    private static List<String> devices(JsonBody body, FieldErrors errors) {
        List<JsonNode> elements = body.array("drive_devices");
        if (elements == null) {
            return null;
        }
        List<String> devices = new ArrayList<>();
        for (JsonNode element : elements) {
            if (!element.isString() || !element.getStringValue().startsWith("/")) {
                errors.add("drive_devices", "invalid", "drive_devices must be absolute device paths");
                return null;
            }
            devices.add(element.getStringValue());
        }
        if (devices.size() > MAX_DRIVES) {
            errors.add("drive_devices", "too_long", MAX_DRIVES, "a library has at most " + MAX_DRIVES + " drives");
        }
        return devices;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
