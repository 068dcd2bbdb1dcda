package io.tapeflow.pool;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.UniqueName;
import io.tapeflow.audit.AuditLog;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.IdOrName;
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
import java.util.Map;
import java.util.Objects;

/** Pools of tapes or containers, which tasks write to and read from. */
@Singleton
public class PoolService {

    static final ListSchema SCHEMA = ListSchema.of("pools", "pool", List.of(
            Attribute.integer("id", "id"),
            Attribute.text("name", "name"),
            Attribute.text("comment", "comment"),
            Attribute.enumeration("type", "type", PoolType.class),
            Attribute.enumeration("content", "content", PoolContent.class),
            Attribute.related(Attribute.integer("tape_ids", "t.id"), "SELECT 1 FROM tape t WHERE t.pool_id = pool.id AND %s"),
            Attribute.related(Attribute.integer("container_ids", "pc.container_id"),
                    "SELECT 1 FROM pool_container pc WHERE pc.pool_id = pool.id AND %s")));

    private final PoolRepository pools;
    private final PoolMembers members;
    private final ListExecutor lists;
    private final JdbcOperations jdbc;
    private final AuditLog audit;

    public PoolService(PoolRepository pools, PoolMembers members, ListExecutor lists, JdbcOperations jdbc, AuditLog audit) {
        this.pools = pools;
        this.members = members;
        this.lists = lists;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A page of pools with their members, fetched in one query per kind of member. */
    @ReadOnly
    public PoolList list(ListQuery query) {
        ListPage<Pool> page = lists.fetch(SCHEMA, "*", query, SqlFragment.TRUE, Pool.class);
        Map<Long, List<Long>> ids = members.of(page.rows());
        return new PoolList(page.count(), page.rows().stream().map(pool -> PoolView.of(pool, ids.get(pool.id()))).toList(),
                page.nextCursor());
    }

    /** @throws ApiException 404 when no pool has this id or name, 409 when several do */
    public Pool find(String idOrName) {
        return find(IdOrName.resolve("pool", idOrName, pools::findIdByName, pools::existsById));
    }

    public Pool find(long id) {
        return pools.findById(id).orElseThrow(() -> ApiException.notFound("pool", String.valueOf(id)));
    }

    @ReadOnly
    public PoolView view(Pool pool) {
        return PoolView.of(pool, members.of(List.of(pool)).get(pool.id()));
    }

    /** Creates a pool (content tape unless it says nas) with the members it lists. */
    @Transactional
    public Pool create(PoolRequest request, FieldErrors errors, Caller caller) {
        UniqueName.checkFree(request.name(), null, pools::findIdByName, errors);
        PoolContent content = Objects.requireNonNullElse(request.content(), PoolContent.tape);
        members.check(null, content, request, errors);
        errors.throwIfAny();
        Instant now = DbTime.now();
        Pool pool = UniqueName.write(() -> pools.save(new Pool(null, request.name(), request.comment(), request.type(), content,
                now, now, caller.username(), caller.username())));
        members.write(pool.id(), content, request);
        audit.created("pools", view(pool));
        return pool;
    }

    /** Applies the fields the request carries; a member list sent replaces the pool's members. */
    @Transactional
    public Pool update(Pool pool, PoolRequest request, FieldErrors errors, Caller caller) {
        UniqueName.checkFree(request.name(), pool.id(), pools::findIdByName, errors);
        if (request.content() != null && request.content() != pool.content()) {
            errors.add("content", "invalid", "content cannot change: create another pool");
        }
        members.check(pool.id(), pool.content(), request, errors);
        errors.throwIfAny();
        PoolView before = view(pool);
        UniqueName.write(() -> {
            pools.update(pool.id(), Objects.requireNonNullElse(request.name(), pool.name()),
                    request.comment() == null ? pool.comment() : request.comment(),
                    Objects.requireNonNullElse(request.type(), pool.type()), DbTime.now(), caller.username());
            return null;
        });
        members.write(pool.id(), pool.content(), request);
        Pool updated = find(pool.id());
        audit.updated("pools", before, view(updated));
        return updated;
    }

    /**
     * Forgets the pool; its tapes stay, in no pool.
     *
     * @throws ApiException 409 while a task reads from or writes to it
     */
    @Transactional
    public void delete(Pool pool) {
        boolean used = jdbc.prepareStatement("SELECT 1 FROM task_source WHERE pool_id = ? UNION ALL SELECT 1 FROM task_destination WHERE pool_id = ?", statement -> {
            statement.setLong(1, pool.id());
            statement.setLong(2, pool.id());
            try (var rs = statement.executeQuery()) {
                return rs.next();
            }
        });
        if (used) {
            throw ApiException.conflict("pool " + pool.name() + " is a source or destination of a task; change those tasks first");
        }
        pools.delete(pool);
        audit.destroyed("pools", pool);
    }
}
