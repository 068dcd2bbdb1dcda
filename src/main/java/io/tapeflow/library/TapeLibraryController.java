package io.tapeflow.library;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.list.ListQueryParser;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Caller;
import io.tapeflow.security.Roles;

import java.util.Set;

/** Tape libraries: every user may read them, only admins configure them. */
@Controller("/api/v2/tape_libraries")
@Secured(Roles.ADMIN)
@Tag(name = "tape_libraries")
public class TapeLibraryController {

    private final TapeLibraryService libraries;

    public TapeLibraryController(TapeLibraryService libraries) {
        this.libraries = libraries;
    }

    /**
     * Lists libraries. Every attribute is a filter, its value optionally prefixed by an operator:
     * = != &gt; &gt;= &lt; &lt;= (compare), &gt;&lt;a|b (in list), !&gt;&lt;a|b (not in list),
     * ~pat% (like), !~pat% (not like); repeat a parameter for a range. {@code sort_by=name:desc};
     * {@code limit} (default 50, max 1000) with {@code offset}, or {@code cursor} set to the previous
     * page's {@code next_cursor}.
     */
    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tape_libraries/index")
    public TapeLibraryList listTapeLibraries(HttpRequest<?> request) {
        return TapeLibraryList.of(libraries.list(ListQueryParser.parse(TapeLibraryService.SCHEMA,
                request.getParameters().asMap(), Set.of())));
    }

    /**
     * Creates a library with its drives. A {@code virtual} library (the default) also gets its directory
     * ({@code device}, default {@code <data dir>/libraries/<name>}) and its blank cartridges; a
     * {@code scsi} library gets a drive per entry of {@code drive_devices}.
     */
    @Post
    @Status(HttpStatus.CREATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tape_libraries/create")
    public TapeLibraryView createTapeLibrary(@Body @RequestBody(content = @Content(schema = @Schema(implementation = TapeLibraryRequest.class))) JsonNode body,
                                            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        TapeLibraryRequest request = TapeLibraryRequest.read(body, true, errors);
        return TapeLibraryView.of(libraries.create(request, errors, Caller.of(authentication)));
    }

    /** One library, by numeric id or by name. */
    @Get("/{tape_library_id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tape_libraries/show")
    public TapeLibraryView getTapeLibrary(@PathVariable("tape_library_id") String libraryId) {
        return TapeLibraryView.of(libraries.find(libraryId));
    }

    /** Changes the fields the body carries; the geometry (protocol, slots) and read-only fields sent back are ignored. */
    @Put("/{tape_library_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tape_libraries/update")
    public TapeLibraryView updateTapeLibrary(@PathVariable("tape_library_id") String libraryId,
                                            @Body @RequestBody(content = @Content(schema = @Schema(implementation = TapeLibraryRequest.class))) JsonNode body,
                                            Authentication authentication) {
        TapeLibrary library = libraries.find(libraryId);
        FieldErrors errors = new FieldErrors();
        TapeLibraryRequest request = TapeLibraryRequest.read(body, false, errors);
        return TapeLibraryView.of(libraries.update(library, request, errors, Caller.of(authentication)));
    }

    /**
     * Asks the library's robot where every cartridge is and brings the tapes in line: cartridges an
     * operator put in the I/O slots appear (at {@code io N}), moved ones are relocated, missing ones are
     * marked ejected. Answers the barcodes changed; 409 when the robot does not answer.
     */
    @Post("/{tape_library_id}/inventory")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tape_libraries/update")
    public InventoryChanges inventoryTapeLibrary(@PathVariable("tape_library_id") String libraryId) {
        return libraries.inventory(libraries.find(libraryId));
    }

    /** Deletes a library with its drives and cartridges (409 while the catalog has data on them). */
    @Delete("/{tape_library_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tape_libraries/destroy")
    public HttpResponse<Void> destroyTapeLibrary(@PathVariable("tape_library_id") String libraryId) {
        libraries.delete(libraries.find(libraryId));
        return HttpResponse.noContent();
    }
}
