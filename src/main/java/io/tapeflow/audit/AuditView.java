package io.tapeflow.audit;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** An audit row as the API shows it; {@code changes} is a JSON object. */
@Serdeable
public record AuditView(long id, Instant creationDate, String username, Long apiKeyId, String clientAddress,
                        String resource, Long resourceId, String action,
                        @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                                description = "create: the stored fields; update: {\"field\": {\"old\", \"new\"}} of the"
                                        + " fields that changed; destroy: the id and name; other actions: what they did."
                                        + " Secrets and passwords are masked.")
                        Map<String, Object> changes) {
}
