package io.tapeflow.audit;

import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.persistence.DbTime;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes the audit row of a change, in the change's own transaction (which it requires): a change
 * rolled back leaves no row, a committed one always has its row. The services call it once per
 * mutation, from inside their transactional method; who made the change comes from the HTTP
 * request being served ({@code system} outside one).
 *
 * <p>A row is a record or a map of fields (see {@link AuditFields}); its {@code id} names the
 * resource. Secrets never reach the log.
 */
@Singleton
public class AuditLog {

    private final AuditRepository audits;
    private final AuditActor actors;
    private final JsonMapper json;

    AuditLog(AuditRepository audits, AuditActor actors, JsonMapper json) {
        this.audits = audits;
        this.actors = actors;
        this.json = json;
    }

    /** @param resource the API's name of the resource, e.g. {@code tasks} */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void created(String resource, Object row) {
        Map<String, Object> fields = AuditFields.of(row);
        write(resource, fields.get("id"), "create", fields);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void updated(String resource, Object before, Object after) {
        write(resource, AuditFields.of(after).get("id"), "update", AuditFields.changed(before, after));
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void destroyed(String resource, Object row) {
        Map<String, Object> identity = AuditFields.identity(row);
        write(resource, identity.get("id"), "destroy", identity);
    }

    /** Any other request on a resource: run, pause, stop, resume, inventory... with what it did. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void acted(String resource, long id, String action, Object details) {
        write(resource, id, action, AuditFields.of(details));
    }

    private void write(String resource, Object id, String action, Map<String, Object> changes) {
        AuditActor.Actor actor = actors.current();
        audits.save(new Audit(null, DbTime.now(), actor.username(), actor.apiKeyId(), actor.clientAddress(), resource,
                id instanceof Number number ? number.longValue() : null, action, toJson(changes)));
    }

    private String toJson(Map<String, Object> changes) {
        try {
            return json.writeValueAsString(changes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write an audit row as JSON", e);
        }
    }
}
