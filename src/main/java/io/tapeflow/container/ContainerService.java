package io.tapeflow.container;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.UniqueName;
import io.tapeflow.audit.AuditLog;
import io.tapeflow.persistence.Constraints;
import io.tapeflow.api.IdOrName;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.list.Attribute;
import io.tapeflow.list.ListExecutor;
import io.tapeflow.list.ListPage;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListSchema;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.persistence.DbTime;
import io.tapeflow.security.Caller;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Containers: shared storage every user may see and only admins change. To work inside one, take
 * {@link #find} and then {@link ContainerRoot#of}.
 */
@Singleton
public class ContainerService {

    static final ListSchema SCHEMA = ListSchema.of("containers", "container", List.of(
            Attribute.integer("id", "id"),
            Attribute.text("name", "name"),
            Attribute.text("comment", "comment"),
            Attribute.enumeration("type", "type", ContainerType.class),
            Attribute.text("path", "path"),
            Attribute.integer("quota_total_size", "quota_total_size"),
            Attribute.integer("stat_total_files", "stat_total_files"),
            Attribute.integer("stat_total_size", "stat_total_size"),
            Attribute.instant("last_update", "last_update"),
            Attribute.instant("creation_date", "creation_date"),
            Attribute.instant("modification_date", "modification_date"),
            Attribute.text("creation_username", "creation_username"),
            Attribute.text("modification_username", "modification_username")));

    private final ContainerRepository containers;
    private final ListExecutor lists;
    private final AuditLog audit;

    public ContainerService(ContainerRepository containers, ListExecutor lists, AuditLog audit) {
        this.containers = containers;
        this.lists = lists;
        this.audit = audit;
    }

    public ListPage<Container> list(ListQuery query) {
        return lists.fetch(SCHEMA, "*", query, SqlFragment.TRUE, Container.class);
    }

    /**
     * A container by numeric id or by name. A name made of digits may also be another container's
     * id; both then match.
     *
     * @throws ApiException 404 when none matches, 409 when several do
     */
    public Container find(String idOrName) {
        return find(IdOrName.resolve("container", idOrName, containers::findIdByName, containers::existsById));
    }

    /**
     * A container by its numeric id only, for callers that stored the id (a name made of digits
     * cannot make this ambiguous).
     *
     * @throws ApiException 404 when there is none
     */
    public Container find(long id) {
        return containers.findById(id).orElseThrow(() -> ApiException.notFound("container", String.valueOf(id)));
    }

    /** Records what a scan of the whole container found. */
    @Transactional
    public void recordStatistics(long id, long files, long bytes) {
        containers.update(id, files, bytes, DbTime.now());
    }

    /** Creates a container, adding a taken name to the request's errors before any is thrown. */
    @Transactional
    public Container create(ContainerRequest request, FieldErrors errors, Caller caller) {
        UniqueName.checkFree(request.name(), null, containers::findIdByName, errors);
        errors.throwIfAny();
        Instant now = DbTime.now();
        Container container = UniqueName.write(() -> containers.save(new Container(null, request.name(), request.comment(),
                Objects.requireNonNullElse(request.type(), ContainerType.local), request.path(),
                Objects.requireNonNullElse(request.quotaTotalSize(), 0L), 0, 0, null,
                now, now, caller.username(), caller.username())));
        audit.created("containers", container);
        return container;
    }

    /** Applies the fields the request carries; the others keep their values. */
    @Transactional
    public Container update(Container container, ContainerRequest request, FieldErrors errors, Caller caller) {
        UniqueName.checkFree(request.name(), container.id(), containers::findIdByName, errors);
        errors.throwIfAny();
        UniqueName.write(() -> {
            containers.update(container.id(),
                    Objects.requireNonNullElse(request.name(), container.name()),
                    request.comment() == null ? container.comment() : request.comment(),
                    Objects.requireNonNullElse(request.type(), container.type()),
                    Objects.requireNonNullElse(request.path(), container.path()),
                    Objects.requireNonNullElse(request.quotaTotalSize(), container.quotaTotalSize()),
                    DbTime.now(), caller.username());
            return null;
        });
        Container updated = containers.findById(container.id()).orElseThrow();
        audit.updated("containers", container, updated);
        return updated;
    }

    /**
     * Forgets the container; its files stay where they are.
     *
     * @throws ApiException 409 while rows of other tables (such as task sources) still refer to it
     */
    @Transactional
    public void delete(Container container) {
        try {
            containers.delete(container);
        } catch (DataAccessException e) {
            if (Constraints.isViolation(e)) {
                throw ApiException.conflict("container " + container.name() + " is still in use (by task sources or"
                        + " destinations, for instance); remove those first");
            }
            throw e;
        }
        audit.destroyed("containers", container);
    }
}
