package io.tapeflow.library;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.util.Set;

/**
 * The fields of a cartridge an admin writes; null means "not sent". The pool is named by
 * {@code pool_id} or {@code pool_name}; what the robot and the drives report is read-only.
 */
@Serdeable
public record TapeRequest(Long poolId, String poolName, Boolean locked, Boolean writeProtect, Boolean lost,
                          Boolean scratch) {

    private static final Set<String> WRITABLE = Set.of("pool_id", "pool_name", "locked", "write_protect", "lost", "scratch");
    private static final Set<String> READ_ONLY = Set.of("id", "tape_library_id", "barcode", "location", "type", "cleaning",
            "mounted", "ejected", "mount_count", "free", "max", "date_in", "last_size_update");

    static TapeRequest read(JsonNode node, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, WRITABLE, READ_ONLY, errors);
        return new TapeRequest(body.wholeNumber("pool_id", 1, Long.MAX_VALUE), body.text("pool_name", 255, body.has("pool_name")),
                body.bool("locked"), body.bool("write_protect"), body.bool("lost"), body.bool("scratch"));
    }
}
