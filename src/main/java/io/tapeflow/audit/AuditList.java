package io.tapeflow.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.list.ListPage;

import java.util.List;

/** A page of audit rows; {@code next_cursor} is present while more rows follow. */
@Serdeable
public record AuditList(long count, List<AuditView> audits,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    static AuditList of(ListPage<AuditView> page) {
        return new AuditList(page.count(), page.rows(), page.nextCursor());
    }
}
