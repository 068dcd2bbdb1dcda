package io.tapeflow.audit;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.PathIds;
import io.tapeflow.list.Attribute;
import io.tapeflow.list.ListExecutor;
import io.tapeflow.list.ListPage;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListSchema;
import io.tapeflow.list.SqlFragment;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Reads the audit log. */
@Singleton
class AuditService {

    static final ListSchema SCHEMA = ListSchema.of("audits", "audit_log", List.of(
            Attribute.integer("id", "id"),
            Attribute.instant("creation_date", "creation_date"),
            Attribute.text("username", "username"),
            Attribute.integer("api_key_id", "api_key_id"),
            Attribute.text("client_address", "client_address"),
            Attribute.text("resource", "resource"),
            Attribute.integer("resource_id", "resource_id"),
            Attribute.text("action", "action")));

    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final AuditRepository audits;
    private final ListExecutor lists;
    private final JsonMapper json;

    AuditService(AuditRepository audits, ListExecutor lists, JsonMapper json) {
        this.audits = audits;
        this.lists = lists;
        this.json = json;
    }

    ListPage<AuditView> list(ListQuery query) {
        return lists.fetch(SCHEMA, "*", query, SqlFragment.TRUE, Audit.class).map(this::view);
    }

    /** @throws ApiException 404 when no row has this id */
    AuditView find(String id) {
        return PathIds.numeric(id).stream().boxed().flatMap(n -> audits.findById(n).stream()).findFirst()
                .map(this::view).orElseThrow(() -> ApiException.notFound("audit", id));
    }

    private AuditView view(Audit audit) {
        try {
            return new AuditView(audit.id(), audit.creationDate(), audit.username(), audit.apiKeyId(), audit.clientAddress(),
                    audit.resource(), audit.resourceId(), audit.action(), json.readValue(audit.changes(), JSON_OBJECT));
        } catch (IOException e) {
            throw new UncheckedIOException("audit row " + audit.id() + " holds malformed JSON", e);
        }
    }
}
