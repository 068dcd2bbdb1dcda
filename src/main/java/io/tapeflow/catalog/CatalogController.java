package io.tapeflow.catalog;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.library.TapeService;
import io.tapeflow.list.ListQueryParser;
import io.tapeflow.security.ApiScopes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The catalog of archived files, read-only for every user. */
@Controller("/api/v2")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "files")
public class CatalogController {

    private final CatalogService catalog;
    private final TapeService tapes;

    public CatalogController(CatalogService catalog, TapeService tapes) {
        this.catalog = catalog;
        this.tapes = tapes;
    }

    /**
     * Lists catalogued files with their copies, with the filters, sort and paging of all lists:
     * e.g. {@code path=~/projects/%}, {@code barcode=TF0001L9} (files with a copy on that tape),
     * {@code tape_id}, {@code execution_id}.
     */
    @Get("/files")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "files/index")
    public CatalogFileList listFiles(HttpRequest<?> request) {
        return catalog.list(ListQueryParser.parse(CatalogService.SCHEMA, request.getParameters().asMap(), Set.of()));
    }

    /** One catalogued file with its copies, by numeric id. */
    @Get("/files/{file_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "files/show")
    public CatalogFileView getFile(@PathVariable("file_id") String fileId) {
        return catalog.find(fileId);
    }

    /**
     * Lists what the catalog holds on a tape (by id or barcode), in the tape's order (tape file, then
     * position) unless {@code sort_by} says otherwise; paged like every list.
     */
    @Get("/tapes/{tape_id}/files")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "tapes/files")
    public CatalogFileList listTapeFiles(@PathVariable("tape_id") String tapeId, HttpRequest<?> request) {
        Map<String, List<String>> parameters = new HashMap<>(request.getParameters().asMap());
        parameters.putIfAbsent("sort_by", List.of("tape_file,position"));
        return catalog.onTape(tapes.find(tapeId), ListQueryParser.parse(CatalogService.TAPE_SCHEMA, parameters, Set.of()));
    }
}
