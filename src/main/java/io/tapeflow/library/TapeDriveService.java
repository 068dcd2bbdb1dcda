package io.tapeflow.library;

import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.PathIds;
import io.tapeflow.audit.AuditLog;
import io.tapeflow.list.Attribute;
import io.tapeflow.list.ListExecutor;
import io.tapeflow.list.ListPage;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListSchema;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.persistence.DbTime;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Objects;

/** The drives of all libraries; an admin names them and takes them offline, Tapeflow does the rest. */
@Singleton
public class TapeDriveService {

    static final ListSchema SCHEMA = ListSchema.of("tape_drives", "tape_drive", List.of(
            Attribute.integer("id", "id"),
            Attribute.integer("tape_library_id", "tape_library_id"),
            Attribute.text("name", "name"),
            Attribute.text("serial", "serial"),
            Attribute.text("device", "device"),
            Attribute.enumeration("status", "status", DeviceStatus.class),
            Attribute.text("barcode", "barcode"),
            Attribute.integer("task_id", "task_id"),
            Attribute.integer("mount_count", "mount_count"),
            Attribute.text("use_file_name_processed", "use_file_name_processed"),
            Attribute.integer("use_file_processed_size", "use_file_processed_size"),
            Attribute.integer("use_file_size_to_process", "use_file_size_to_process"),
            Attribute.integer("bandwidth", "bandwidth")));

    private final TapeDriveRepository drives;
    private final ListExecutor lists;
    private final AuditLog audit;

    public TapeDriveService(TapeDriveRepository drives, ListExecutor lists, AuditLog audit) {
        this.drives = drives;
        this.lists = lists;
        this.audit = audit;
    }

    /** @param scope limits the list, e.g. to one library's drives */
    public ListPage<TapeDrive> list(ListQuery query, SqlFragment scope) {
        return lists.fetch(SCHEMA, "*", query, scope, TapeDrive.class);
    }

    /** @throws ApiException 404 when no drive has this numeric id */
    public TapeDrive find(String id) {
        return PathIds.numeric(id).stream().boxed().flatMap(n -> drives.findById(n).stream()).findFirst()
                .orElseThrow(() -> ApiException.notFound("tape drive", id));
    }

    /** Applies the fields the request carries; the others keep their values. */
    @Transactional
    public TapeDrive update(TapeDrive drive, TapeDriveRequest request, FieldErrors errors) {
        errors.throwIfAny();
        drives.update(drive.id(), Objects.requireNonNullElse(request.name(), drive.name()),
                request.serial() == null ? drive.serial() : request.serial(),
                request.device() == null ? drive.device() : request.device(),
                Objects.requireNonNullElse(request.status(), drive.status()), DbTime.now());
        TapeDrive updated = drives.findById(drive.id()).orElseThrow();
        audit.updated("tape_drives", drive, updated);
        return updated;
    }
}
