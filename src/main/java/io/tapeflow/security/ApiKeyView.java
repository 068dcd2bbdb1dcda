package io.tapeflow.security;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * An API key as the API shows it. {@code key} is the full secret only in the answer to its creation,
 * masked ({@code ****Iwgo}) ever after.
 */
@Serdeable
public record ApiKeyView(long id, String name, String key, List<Scope> apiKeyScopes, Instant expiresAt,
                         Instant lastUsedAt, Instant creationDate, Instant modificationDate) {

    /** One granted {@code controller/action}. */
    @Serdeable
    public record Scope(String controller, String action) {

        static Scope parse(String scope) {
            int slash = scope.indexOf('/');
            return new Scope(scope.substring(0, slash), scope.substring(slash + 1));
        }

        String name() {
            return controller + "/" + action;
        }
    }

    static ApiKeyView of(ApiKey key, String secret) {
        return new ApiKeyView(key.id(), key.name(), secret == null ? ApiKeySecret.mask(key.keyLast4()) : secret,
                key.scopeSet().stream().map(Scope::parse).toList(), key.expiresAt(), key.lastUsedAt(),
                key.creationDate(), key.modificationDate());
    }
}
