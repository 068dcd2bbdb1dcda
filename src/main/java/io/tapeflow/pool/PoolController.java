package io.tapeflow.pool;

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
import io.tapeflow.library.TapeList;
import io.tapeflow.library.TapeService;
import io.tapeflow.list.ListQueryParser;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Caller;
import io.tapeflow.security.Roles;

import java.util.Set;

/** Pools: every user may read them, only admins configure them and their members. */
@Controller("/api/v2/pools")
@Secured(Roles.ADMIN)
@Tag(name = "pools")
public class PoolController {

    private final PoolService pools;
    private final TapeService tapes;

    public PoolController(PoolService pools, TapeService tapes) {
        this.pools = pools;
        this.tapes = tapes;
    }

    /**
     * Lists pools with the filters, sort and paging of all lists; {@code tape_ids=12} finds the pool
     * holding tape 12.
     */
    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "pools/index")
    public PoolList listPools(HttpRequest<?> request) {
        return pools.list(ListQueryParser.parse(PoolService.SCHEMA, request.getParameters().asMap(), Set.of()));
    }

    /**
     * Creates a pool. {@code tape_ids} (content tape, the default) or {@code container_ids} (content
     * nas) are its members; a tape already in another pool is refused (422).
     */
    @Post
    @Status(HttpStatus.CREATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "pools/create")
    public PoolView createPool(@Body @RequestBody(content = @Content(schema = @Schema(implementation = PoolRequest.class))) JsonNode body,
                               Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        PoolRequest request = PoolRequest.read(body, true, errors);
        return pools.view(pools.create(request, errors, Caller.of(authentication)));
    }

    /** One pool, by numeric id or by name. */
    @Get("/{pool_id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "pools/show")
    public PoolView getPool(@PathVariable("pool_id") String poolId) {
        return pools.view(pools.find(poolId));
    }

    /**
     * Changes the fields the body carries; a member list sent is the pool's new membership (tapes that
     * enter or leave must not hold data of an unfinished run: 409).
     */
    @Put("/{pool_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "pools/update")
    public PoolView updatePool(@PathVariable("pool_id") String poolId,
                               @Body @RequestBody(content = @Content(schema = @Schema(implementation = PoolRequest.class))) JsonNode body,
                               Authentication authentication) {
        Pool pool = pools.find(poolId);
        FieldErrors errors = new FieldErrors();
        PoolRequest request = PoolRequest.read(body, false, errors);
        return pools.view(pools.update(pool, request, errors, Caller.of(authentication)));
    }

    /** Deletes a pool (409 while a task uses it); its tapes stay, in no pool. */
    @Delete("/{pool_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "pools/destroy")
    public HttpResponse<Void> destroyPool(@PathVariable("pool_id") String poolId) {
        pools.delete(pools.find(poolId));
        return HttpResponse.noContent();
    }

    /** Lists a pool's tapes with the filters, sort and paging of {@code /tapes}. */
    @Get("/{pool_id}/tapes")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "pools/tapes")
    public TapeList listPoolTapes(@PathVariable("pool_id") String poolId, HttpRequest<?> request) {
        long pool = pools.find(poolId).id();
        return TapeList.of(tapes.list(ListQueryParser.parse(TapeService.SCHEMA, request.getParameters().asMap(), Set.of()),
                SqlFragment.of("pool_id = ?", pool)));
    }
}
