package io.tapeflow.library;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.IdOrName;
import io.tapeflow.audit.AuditLog;
import io.tapeflow.list.Attribute;
import io.tapeflow.list.ListExecutor;
import io.tapeflow.list.ListPage;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListSchema;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.persistence.DbTime;
import io.tapeflow.task.TaskStatus;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Cartridges: their pool and the flags an admin sets; where they are is the robot's business. */
@Singleton
public class TapeService {

    public static final ListSchema SCHEMA = ListSchema.of("tapes", "tape", List.of(
            Attribute.integer("id", "id"),
            Attribute.integer("tape_library_id", "tape_library_id"),
            Attribute.integer("pool_id", "pool_id"),
            Attribute.text("barcode", "barcode"),
            Attribute.text("location", "CONCAT(location_kind, ' ', location_number)"),
            Attribute.enumeration("type", "type", TapeType.class),
            Attribute.bool("locked", "locked"),
            Attribute.bool("scratch", "scratch"),
            Attribute.bool("cleaning", "cleaning"),
            Attribute.bool("write_protect", "write_protect"),
            Attribute.bool("mounted", "mounted"),
            Attribute.bool("ejected", "ejected"),
            Attribute.bool("lost", "lost"),
            Attribute.integer("mount_count", "mount_count"),
            Attribute.integer("free", "free"),
            Attribute.integer("max", "max"),
            Attribute.instant("date_in", "date_in"),
            Attribute.instant("last_size_update", "last_size_update")));

    private final TapeRepository tapes;
    private final ListExecutor lists;
    private final JdbcOperations jdbc;
    private final AuditLog audit;

    public TapeService(TapeRepository tapes, ListExecutor lists, JdbcOperations jdbc, AuditLog audit) {
        this.tapes = tapes;
        this.lists = lists;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** @param scope limits the list, e.g. to one library's or one pool's cartridges */
    public ListPage<Tape> list(ListQuery query, SqlFragment scope) {
        return lists.fetch(SCHEMA, "*", query, scope, Tape.class);
    }

    /** @throws ApiException 404 when no cartridge has this id or barcode, 409 when two do */
    public Tape find(String idOrBarcode) {
        return find(IdOrName.resolve("tape", idOrBarcode, tapes::findIdByBarcode, tapes::existsById));
    }

    public Tape find(long id) {
        return tapes.findById(id).orElseThrow(() -> ApiException.notFound("tape", String.valueOf(id)));
    }

    /** Applies the fields the request carries; moving to another pool is checked as {@link #requireMovable} says. */
    @Transactional
    public Tape update(Tape tape, TapeRequest request, FieldErrors errors) {
        Long poolId = request.poolId() == null && request.poolName() == null ? tape.poolId() : tapePool(request, errors);
        errors.throwIfAny();
        if (!Objects.equals(poolId, tape.poolId())) {
            requireMovable(tape);
        }
        tapes.update(tape.id(), poolId, Objects.requireNonNullElse(request.locked(), tape.locked()),
                Objects.requireNonNullElse(request.writeProtect(), tape.writeProtect()),
                Objects.requireNonNullElse(request.lost(), tape.lost()),
                Objects.requireNonNullElse(request.scratch(), tape.scratch()), DbTime.now());
        Tape updated = find(tape.id());
        audit.updated("tapes", tape, updated);
        return updated;
    }

    /**
     * A cartridge that a run is using, or that holds files an unfinished run wrote, stays in its pool:
     * the run counts on the pool it picked.
     *
     * @throws ApiException 409 when it may not move
     */
    public void requireMovable(Tape tape) {
        boolean busy = jdbc.prepareStatement("SELECT 1 FROM tape t WHERE t.id = ? AND (t.execution_id IS NOT NULL OR EXISTS ("
                + "SELECT 1 FROM catalog_copy c JOIN catalog_file f ON f.id = c.file_id JOIN task_execution e ON e.id = f.execution_id"
                + " WHERE c.tape_id = t.id AND e.status IN " + TaskStatus.sql(TaskStatus.UNFINISHED) + "))", statement -> {
            statement.setLong(1, tape.id());
            try (var rs = statement.executeQuery()) {
                return rs.next();
            }
        });
        if (busy) {
            throw ApiException.conflict("tape " + tape.barcode() + " holds data of a run that is not finished; it cannot change pool until the run ends");
        }
    }

    /** The tape pool the request names by id or name, or null with an error added. */
    private @Nullable Long tapePool(TapeRequest request, FieldErrors errors) {
        boolean byId = request.poolId() != null;
        String field = byId ? "pool_id" : "pool_name";
        Optional<PoolRow> found = byId ? pool("id", request.poolId()) : pool("name", request.poolName());
        if (found.isEmpty()) {
            errors.add(field, "invalid", "there is no pool " + (byId ? request.poolId() : request.poolName()));
            return null;
        }
        PoolRow pool = found.get();
        if (byId && request.poolName() != null && !request.poolName().equalsIgnoreCase(pool.name())) {
            errors.add("pool_name", "invalid", "pool_id and pool_name name different pools");
        }
        if (!"tape".equals(pool.content())) {
            errors.add(field, "invalid", "pool " + pool.name() + " holds containers, not tapes");
        }
        return pool.id();
    }

    private record PoolRow(long id, String name, String content) {
    }

    /** @param column id or name: never from the request */
    private Optional<PoolRow> pool(String column, Object value) {
        return jdbc.prepareStatement("SELECT id, name, content FROM pool WHERE " + column + " = ?", statement -> {
            statement.setObject(1, value);
            try (var rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new PoolRow(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        });
    }
}
