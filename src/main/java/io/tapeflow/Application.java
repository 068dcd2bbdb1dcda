package io.tapeflow;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import java.util.TimeZone;

@OpenAPIDefinition(
        info = @Info(title = "Tapeflow", version = "2",
                description = "Archive and tape workflow orchestrator. Every operation names the API key scope "
                        + "(`controller/action`) a Bearer key needs to call it.",
                license = @License(name = "Apache-2.0")),
        security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "api_key")})
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
@SecurityScheme(name = "api_key", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key created at /api/v2/users/me/api_keys; limited to its scopes")
public class Application {

    public static void main(String[] args) {
        // DATETIME columns carry no zone: every node reads and writes them as UTC.
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        Micronaut.run(Application.class, args);
    }
}
