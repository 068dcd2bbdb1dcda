package io.tapeflow.config;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Roles;

/** The server's effective configuration, for administrators; passwords are never shown. */
@Controller("/api/v2/config")
@Secured(Roles.ADMIN)
@Tag(name = "config")
public class ConfigController {

    private final ConfigReadout readout;

    public ConfigController(ConfigReadout readout) {
        this.readout = readout;
    }

    /** Data directory, database (URL without password), JobRunr, tape runs, library drivers in use, limits and version. */
    @Get
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "config/show")
    public EffectiveConfig showConfig() {
        return readout.read();
    }
}
