package io.tapeflow.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Limits requests made with an API key to the scopes the key was granted. It runs before the role
 * checks and only ever rejects: a key in scope still needs its owner's role to pass {@code @Secured}.
 * An API endpoint that declares no scope is closed to keys.
 */
@Singleton
public class ApiScopeRule implements SecurityRule<HttpRequest<?>> {

    private final ApiScopes scopes;

    public ApiScopeRule(ApiScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        if (authentication == null) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        Caller caller = Caller.of(authentication);
        if (!caller.usesApiKey()) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        boolean allowed = RouteAttributes.getRouteMatch(request)
                .flatMap(route -> scopes.of(route.getRouteInfo()))
                .map(caller.scopes()::contains)
                .orElse(!request.getPath().startsWith("/api/"));
        return Mono.just(allowed ? SecurityRuleResult.UNKNOWN : SecurityRuleResult.REJECTED);
    }

    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER - 100;
    }
}
