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

/** Tape cartridges: every user may read them; admins assign their pool and set their flags. */
@Controller("/api/v2")
@Secured(Roles.ADMIN)
@Tag(name = "tapes")
public class TapeController {

    private final TapeService tapes;
    private final TapeLibraryService libraries;

    public TapeController(TapeService tapes, TapeLibraryService libraries) {
        this.tapes = tapes;
        this.libraries = libraries;
    }

    /**
     * Lists the cartridges of every library with the filters, sort and paging of all lists;
     * {@code location} filters on "slot 12", "drive 0", "io 21" (e.g. {@code location=~drive%}).
     */
    @Get("/tapes")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tapes/index")
    public TapeList listTapes(HttpRequest<?> request) {
        return TapeList.of(tapes.list(ListQueryParser.parse(TapeService.SCHEMA, request.getParameters().asMap(), Set.of()),
                SqlFragment.TRUE));
    }

    /** Lists one library's cartridges (library by numeric id or name). */
    @Get("/tape_libraries/{tape_library_id}/tapes")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tapes/index")
    public TapeList listLibraryTapes(@PathVariable("tape_library_id") String libraryId, HttpRequest<?> request) {
        long library = libraries.find(libraryId).id();
        return TapeList.of(tapes.list(ListQueryParser.parse(TapeService.SCHEMA, request.getParameters().asMap(), Set.of()),
                SqlFragment.of("tape_library_id = ?", library)));
    }

    /** One cartridge, by numeric id or barcode. */
    @Get("/tapes/{tape_id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tapes/show")
    public TapeView getTape(@PathVariable("tape_id") String tapeId) {
        return TapeView.of(tapes.find(tapeId));
    }

    /**
     * Changes the pool ({@code pool_id} or {@code pool_name}), {@code locked}, {@code write_protect},
     * {@code lost} or {@code scratch}; other fields sent back are ignored. A cartridge holding data of
     * an unfinished run cannot change pool (409).
     */
    @Put("/tapes/{tape_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tapes/update")
    public TapeView updateTape(@PathVariable("tape_id") String tapeId,
                               @Body @RequestBody(content = @Content(schema = @Schema(implementation = TapeRequest.class))) JsonNode body) {
        Tape tape = tapes.find(tapeId);
        FieldErrors errors = new FieldErrors();
        TapeRequest request = TapeRequest.read(body, errors);
        return TapeView.of(tapes.update(tape, request, errors));
    }
}
