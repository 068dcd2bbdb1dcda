package io.tapeflow.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One row of the audit log: who changed which resource, how, from where and when.
 *
 * @param apiKeyId the key the request authenticated with, null for a password or the system
 * @param changes  JSON: the stored fields of a create, {@code {"field": {"old", "new"}}} of an update,
 *                 the id and name of a destroy, the details of an action; secrets masked
 */
@MappedEntity("audit_log")
public record Audit(
        @Id @GeneratedValue Long id,
        Instant creationDate,
        String username,
        @Nullable Long apiKeyId,
        @Nullable String clientAddress,
        String resource,
        @Nullable Long resourceId,
        String action,
        String changes) {
}
