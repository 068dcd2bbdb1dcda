package io.tapeflow.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * An API key: only the SHA-256 of its secret and the secret's last four characters are stored.
 * {@code scopes} holds the granted {@code controller/action} pairs, space separated.
 */
@MappedEntity("api_key")
public record ApiKey(
        @Id @GeneratedValue Long id,
        Long userId,
        String name,
        String keyHash,
        String keyLast4,
        String scopes,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt,
        Instant creationDate,
        Instant modificationDate) {

    public Set<String> scopeSet() {
        return scopes.isBlank() ? Set.of() : new TreeSet<>(Arrays.asList(scopes.split(" ")));
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
