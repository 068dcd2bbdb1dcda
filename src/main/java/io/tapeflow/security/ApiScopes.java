package io.tapeflow.security;

import io.micronaut.web.router.MethodBasedRouteInfo;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.Router;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.inject.Singleton;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The API key scope each endpoint requires. It is declared once per endpoint as the OpenAPI
 * {@code @SecurityRequirement(name = "api_key", scopes = "tasks/index")}, so the published spec and
 * the enforcement can never disagree. Micronaut's compile-time metadata leaves Swagger annotations
 * out, so they are read by reflection, once per endpoint method.
 */
@Singleton
public class ApiScopes {

    public static final String SCHEME = "api_key";

    private final Router router;
    private final Map<Method, Optional<String>> byMethod = new ConcurrentHashMap<>();
    private volatile Set<String> all;

    public ApiScopes(Router router) {
        this.router = router;
    }

    /** The scope the route's endpoint declares, if any. */
    public Optional<String> of(RouteInfo<?> route) {
        if (!(route instanceof MethodBasedRouteInfo<?, ?> methodRoute)) {
            return Optional.empty();
        }
        return byMethod.computeIfAbsent(methodRoute.getTargetMethod().getTargetMethod(), ApiScopes::declaredBy);
    }

    /** Every scope some endpoint declares: the only ones a key may be granted. */
    public Set<String> all() {
        Set<String> scopes = all;
        if (scopes == null) {
            scopes = router.uriRoutes()
                    .flatMap(route -> of(route).stream())
                    .collect(Collectors.toCollection(TreeSet::new));
            all = scopes;
        }
        return scopes;
    }

    private static Optional<String> declaredBy(Method method) {
        return Arrays.stream(method.getAnnotationsByType(SecurityRequirement.class))
                .filter(requirement -> SCHEME.equals(requirement.name()))
                .flatMap(requirement -> Arrays.stream(requirement.scopes()))
                .findFirst();
    }
}
