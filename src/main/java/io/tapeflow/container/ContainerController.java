package io.tapeflow.container;

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

/** Containers: shared storage that every user may read and only admins configure. */
@Controller("/api/v2/containers")
@Secured(Roles.ADMIN)
@Tag(name = "containers")
public class ContainerController {

    private final ContainerService containers;

    public ContainerController(ContainerService containers) {
        this.containers = containers;
    }

    /**
     * Lists containers. Every attribute is a filter, its value optionally prefixed by an operator:
     * = != &gt; &gt;= &lt; &lt;= (compare), &gt;&lt;a|b (in list), !&gt;&lt;a|b (not in list),
     * ~pat% (like), !~pat% (not like); repeat a parameter for a range. {@code sort_by=name:desc};
     * {@code limit} (default 50, max 1000) with {@code offset}, or {@code cursor} set to the previous
     * page's {@code next_cursor}.
     */
    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "containers/index")
    public ContainerList listContainers(HttpRequest<?> request) {
        return ContainerList.of(containers.list(ListQueryParser.parse(ContainerService.SCHEMA,
                request.getParameters().asMap(), Set.of())).map(ContainerView::of));
    }

    /** Creates a container on an existing directory the service can read; the name must be unused. */
    @Post
    @Status(HttpStatus.CREATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "containers/create")
    public ContainerView createContainer(@Body @RequestBody(content = @Content(schema = @Schema(implementation = ContainerRequest.class))) JsonNode body,
                                         Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        ContainerRequest request = ContainerRequest.read(body, true, errors);
        return ContainerView.of(containers.create(request, errors, Caller.of(authentication)));
    }

    /** One container, by numeric id or by name. */
    @Get("/{container_id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "containers/show")
    public ContainerView getContainer(@PathVariable("container_id") String containerId) {
        return ContainerView.of(containers.find(containerId));
    }

    /** Changes the fields the body carries; read-only fields sent back are ignored. */
    @Put("/{container_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "containers/update")
    public ContainerView updateContainer(@PathVariable("container_id") String containerId,
                                         @Body @RequestBody(content = @Content(schema = @Schema(implementation = ContainerRequest.class))) JsonNode body,
                                         Authentication authentication) {
        Container container = containers.find(containerId);
        FieldErrors errors = new FieldErrors();
        ContainerRequest request = ContainerRequest.read(body, false, errors);
        return ContainerView.of(containers.update(container, request, errors, Caller.of(authentication)));
    }

    /** Deletes a container; the files in its directory are left untouched. */
    @Delete("/{container_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "containers/destroy")
    public HttpResponse<Void> destroyContainer(@PathVariable("container_id") String containerId) {
        containers.delete(containers.find(containerId));
        return HttpResponse.noContent();
    }

    /**
     * Lists one folder of a container, sorted by name: {@code path} is container-relative (default
     * {@code /}) and may not leave the container; {@code limit} (default 50, max 1000) with
     * {@code offset}. Links are shown as what they point to inside the container; links that point
     * outside it are not shown and cannot be listed.
     */
    @Get("/{container_id}/files")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "containers/files")
    public ContainerFileList listContainerFiles(@PathVariable("container_id") String containerId, HttpRequest<?> request) {
        FileListQuery query = FileListQuery.parse(request.getParameters().asMap());
        return DirectoryListing.list(containers.find(containerId), query);
    }
}
