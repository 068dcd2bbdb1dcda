package io.tapeflow.security;

import io.tapeflow.persistence.DbTime;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Authenticates {@code Authorization: Bearer <api key>} as the key's owner, with the owner's role and
 * the key's scopes. Unknown, revoked (deleted) and expired keys authenticate nobody: 401.
 */
@Singleton
public class ApiKeyTokenValidator implements TokenValidator<HttpRequest<?>> {

    /** last_used_at is refreshed at most this often, so busy keys do not turn every read into a write. */
    private static final Duration LAST_USED_PRECISION = Duration.ofSeconds(10);

    private final ApiKeyRepository keys;
    private final UserRepository users;
    private final Scheduler blocking;

    public ApiKeyTokenValidator(ApiKeyRepository keys, UserRepository users,
                                @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.keys = keys;
        this.users = users;
        this.blocking = Schedulers.fromExecutorService(executor);
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return Mono.fromCallable(() -> authenticate(token).orElse(null)).subscribeOn(blocking);
    }

    private Optional<Authentication> authenticate(String token) {
        Instant now = DbTime.now();
        return keys.findByKeyHash(ApiKeySecret.hash(token))
                .filter(key -> !key.isExpired(now))
                .flatMap(key -> users.findById(key.userId()).map(owner -> {
                    if (key.lastUsedAt() == null || key.lastUsedAt().plus(LAST_USED_PRECISION).isBefore(now)) {
                        keys.updateLastUsedAt(key.id(), now);
                    }
                    return new Caller(owner.id(), owner.username(), owner.role(), key.id(), key.scopeSet()).toAuthentication();
                }));
    }
}
