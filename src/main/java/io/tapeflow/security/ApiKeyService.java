package io.tapeflow.security;

import io.tapeflow.persistence.DbTime;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.PathIds;
import io.tapeflow.audit.AuditLog;
import io.tapeflow.list.Attribute;
import io.tapeflow.list.ListExecutor;
import io.tapeflow.list.ListPage;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListSchema;
import io.tapeflow.list.SqlFragment;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The caller's own API keys. Nobody, admins included, sees or uses another user's keys. */
@Singleton
public class ApiKeyService {

    static final ListSchema SCHEMA = ListSchema.of("api_keys", "api_key", List.of(
            Attribute.integer("id", "id"),
            Attribute.text("name", "name"),
            Attribute.instant("expires_at", "expires_at"),
            Attribute.instant("last_used_at", "last_used_at"),
            Attribute.instant("creation_date", "creation_date"),
            Attribute.instant("modification_date", "modification_date")));

    private final ApiKeyRepository keys;
    private final ListExecutor lists;
    private final AuditLog audit;

    public ApiKeyService(ApiKeyRepository keys, ListExecutor lists, AuditLog audit) {
        this.keys = keys;
        this.lists = lists;
        this.audit = audit;
    }

    public ListPage<ApiKeyView> list(ListQuery query, Caller caller) {
        return lists.fetch(SCHEMA, "*", query, SqlFragment.of("user_id = ?", caller.userId()), ApiKey.class)
                .map(key -> ApiKeyView.of(key, null));
    }

    public ApiKey find(String id, Caller caller) {
        OptionalLong number = PathIds.numeric(id);
        return (number.isPresent() ? keys.findById(number.getAsLong()) : Optional.<ApiKey>empty())
                .filter(key -> key.userId() == caller.userId())
                .orElseThrow(() -> ApiException.notFound("api key", id));
    }

    /** Creates a key and returns it with its secret, which is not stored and cannot be shown again. */
    @Transactional
    public ApiKeyView create(ApiKeyRequest request, Caller caller) {
        String secret = ApiKeySecret.generate();
        Instant now = DbTime.now();
        ApiKey key = keys.save(new ApiKey(null, caller.userId(), request.name(), ApiKeySecret.hash(secret),
                secret.substring(secret.length() - 4), request.apiKeyScopes() == null ? "" : request.scopeText(),
                request.expiresAt(), null, now, now));
        audit.created("api_keys", key);
        return ApiKeyView.of(key, secret);
    }

    @Transactional
    public ApiKeyView update(ApiKey key, ApiKeyRequest request) {
        ApiKey updated = keys.update(new ApiKey(key.id(), key.userId(),
                request.name() == null ? key.name() : request.name(), key.keyHash(), key.keyLast4(),
                request.apiKeyScopes() == null ? key.scopes() : request.scopeText(),
                request.clearExpiry() ? null : request.expiresAt() == null ? key.expiresAt() : request.expiresAt(),
                key.lastUsedAt(), key.creationDate(), DbTime.now()));
        audit.updated("api_keys", key, updated);
        return ApiKeyView.of(updated, null);
    }

    /** Revokes the key: it authenticates nobody from now on. */
    @Transactional
    public void delete(ApiKey key) {
        keys.delete(key);
        audit.destroyed("api_keys", key);
    }
}
