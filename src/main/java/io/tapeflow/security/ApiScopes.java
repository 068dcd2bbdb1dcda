package io.tapeflow.security;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.web.router.Router;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The API key scope each endpoint requires. It is declared once per endpoint as the OpenAPI
 * {@code @SecurityRequirement(name = "api_key", scopes = "tasks/index")}, so the published spec and
 * the enforcement can never disagree.
 */
@Singleton
public class ApiScopes {

    public static final String SCHEME = "api_key";

    private final Router router;
    private volatile Set<String> all;

    public ApiScopes(Router router) {
        this.router = router;
    }

    /** The scope an endpoint declares, if any. */
    public static Optional<String> of(AnnotationMetadata metadata) {
        return metadata.getAnnotationValuesByType(SecurityRequirement.class).stream()
                .filter(requirement -> requirement.stringValue("name").filter(SCHEME::equals).isPresent())
                .flatMap(requirement -> Stream.of(requirement.stringValues("scopes")))
                .findFirst();
    }

    /** Every scope some endpoint declares: the only ones a key may be granted. */
    public Set<String> all() {
        Set<String> scopes = all;
        if (scopes == null) {
            scopes = router.uriRoutes()
                    .flatMap(route -> of(route.getAnnotationMetadata()).stream())
                    .collect(Collectors.toCollection(TreeSet::new));
            all = scopes;
        }
        return scopes;
    }
}
