package io.tapeflow.library;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.list.ListQueryParser;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Roles;

import java.util.Set;

/** Tape drives: every user may read them; admins rename them or take them offline. */
@Controller("/api/v2")
@Secured(Roles.ADMIN)
@Tag(name = "tape_drives")
public class TapeDriveController {

    private final TapeDriveService drives;
    private final TapeLibraryService libraries;

    public TapeDriveController(TapeDriveService drives, TapeLibraryService libraries) {
        this.drives = drives;
        this.libraries = libraries;
    }

    /** Lists the drives of every library, with the list filters, sort and paging of all lists. */
    @Get("/tape_drives")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tape_drives/index")
    public TapeDriveList listTapeDrives(HttpRequest<?> request) {
        return TapeDriveList.of(drives.list(ListQueryParser.parse(TapeDriveService.SCHEMA,
                request.getParameters().asMap(), Set.of()), SqlFragment.TRUE));
    }

    /** Lists one library's drives (library by numeric id or name). */
    @Get("/tape_libraries/{tape_library_id}/tape_drives")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tape_drives/index")
    public TapeDriveList listLibraryTapeDrives(@PathVariable("tape_library_id") String libraryId, HttpRequest<?> request) {
        long library = libraries.find(libraryId).id();
        return TapeDriveList.of(drives.list(ListQueryParser.parse(TapeDriveService.SCHEMA,
                request.getParameters().asMap(), Set.of()), SqlFragment.of("tape_library_id = ?", library)));
    }

    /** One drive, by numeric id. */
    @Get("/tape_drives/{tape_drive_id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tape_drives/show")
    public TapeDriveView getTapeDrive(@PathVariable("tape_drive_id") String driveId) {
        return TapeDriveView.of(drives.find(driveId));
    }

    /** Changes {@code name}, {@code serial}, {@code device} or {@code status}; other fields sent back are ignored. */
    @Put("/tape_drives/{tape_drive_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tape_drives/update")
    public TapeDriveView updateTapeDrive(@PathVariable("tape_drive_id") String driveId,
                                        @Body @RequestBody(content = @Content(schema = @Schema(implementation = TapeDriveRequest.class))) JsonNode body) {
        TapeDrive drive = drives.find(driveId);
        FieldErrors errors = new FieldErrors();
        TapeDriveRequest request = TapeDriveRequest.read(body, errors);
        return TapeDriveView.of(drives.update(drive, request, errors));
    }
}
