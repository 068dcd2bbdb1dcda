package io.tapeflow.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.security.authentication.Authentication;
import io.tapeflow.security.Caller;
import jakarta.inject.Singleton;

/**
 * Who is making the current change: the authenticated caller of the HTTP request being served (with
 * the API key and the client's address), or {@code system} for work that no request started (a
 * JobRunr job, a schedule, the first start).
 */
@Singleton
class AuditActor {

    static final String SYSTEM = "system";
    static final String ANONYMOUS = "anonymous";

    record Actor(String username, @Nullable Long apiKeyId, @Nullable String clientAddress) {
    }

    private final HttpClientAddressResolver addresses;

    AuditActor(HttpClientAddressResolver addresses) {
        this.addresses = addresses;
    }

    Actor current() {
        return ServerRequestContext.currentRequest().map(this::of).orElse(new Actor(SYSTEM, null, null));
    }

    private Actor of(HttpRequest<?> request) {
        String address = addresses.resolve(request);
        return request.getUserPrincipal(Authentication.class)
                .map(Caller::of)
                .map(caller -> new Actor(caller.username(), caller.apiKeyId(), address))
                .orElse(new Actor(ANONYMOUS, null, address));
    }
}
