package io.tapeflow.audit;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.list.ListQueryParser;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Roles;

import java.util.Set;

/** The audit log: who changed what, when and from where. Admins only. */
@Controller("/api/v2/audits")
@Secured(Roles.ADMIN)
@Tag(name = "audits")
public class AuditController {

    private final AuditService audits;

    AuditController(AuditService audits) {
        this.audits = audits;
    }

    /**
     * Lists audit rows. Every attribute is a filter (username, api_key_id, client_address, resource,
     * resource_id, action, creation_date...), its value optionally prefixed by an operator:
     * = != &gt; &gt;= &lt; &lt;= (compare), &gt;&lt;a|b (in list), !&gt;&lt;a|b (not in list),
     * ~pat% (like), !~pat% (not like); repeat a parameter for a range
     * ({@code creation_date=>=2026-01-01&creation_date=<2026-02-01}). {@code sort_by=creation_date:desc};
     * {@code limit} (default 50, max 1000) with {@code offset}, or {@code cursor} set to the previous
     * page's {@code next_cursor}.
     */
    @Get
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "audits/index")
    public AuditList listAudits(HttpRequest<?> request) {
        return AuditList.of(audits.list(ListQueryParser.parse(AuditService.SCHEMA, request.getParameters().asMap(), Set.of())));
    }

    /** One audit row. */
    @Get("/{audit_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "audits/show")
    public AuditView getAudit(@PathVariable("audit_id") String auditId) {
        return audits.find(auditId);
    }
}
