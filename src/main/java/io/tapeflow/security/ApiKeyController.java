package io.tapeflow.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.list.ListQueryParser;

import java.util.List;
import java.util.Set;

/** The caller's API keys, each limited to the scopes it names and to its owner's role. */
@Controller("/api/v2/users/me/api_keys")
@Secured({Roles.ADMIN, Roles.USER})
@Tag(name = "api_keys")
public class ApiKeyController {

    private final ApiKeyService keys;
    private final ApiScopes scopes;

    public ApiKeyController(ApiKeyService keys, ApiScopes scopes) {
        this.keys = keys;
        this.scopes = scopes;
    }

    /** Lists the caller's keys, secrets masked. */
    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "api_keys/index")
    public ApiKeyList listApiKeys(HttpRequest<?> request, Authentication authentication) {
        return ApiKeyList.of(keys.list(ListQueryParser.parse(ApiKeyService.SCHEMA, request.getParameters().asMap(), Set.of()),
                Caller.of(authentication)));
    }

    /** Creates a key. The answer holds the secret in {@code key}: the only time it is shown. */
    @Post
    @Status(HttpStatus.CREATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "api_keys/create")
    public ApiKeyView createApiKey(@Body @RequestBody(content = @Content(schema = @Schema(implementation = ApiKeyRequest.class))) JsonNode body,
                             Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        ApiKeyRequest request = ApiKeyRequest.read(body, true, scopes.all(), errors);
        errors.throwIfAny();
        Caller caller = Caller.of(authentication);
        requireNoEscalation(caller, request);
        return keys.create(request, caller);
    }

    /** One of the caller's keys, secret masked. */
    @Get("/{api_key_id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "api_keys/show")
    public ApiKeyView getApiKey(@PathVariable("api_key_id") String apiKeyId, Authentication authentication) {
        return ApiKeyView.of(keys.find(apiKeyId, Caller.of(authentication)), null);
    }

    /** Renames a key, changes its scopes or its expiry ({@code null} = never). */
    @Put("/{api_key_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "api_keys/update")
    public ApiKeyView updateApiKey(@PathVariable("api_key_id") String apiKeyId,
                             @Body @RequestBody(content = @Content(schema = @Schema(implementation = ApiKeyRequest.class))) JsonNode body,
                             Authentication authentication) {
        Caller caller = Caller.of(authentication);
        ApiKey key = keys.find(apiKeyId, caller);
        FieldErrors errors = new FieldErrors();
        ApiKeyRequest request = ApiKeyRequest.read(body, false, scopes.all(), errors);
        errors.throwIfAny();
        requireNoEscalation(caller, request);
        return keys.update(key, request);
    }

    /** A key that manages keys can hand out only scopes it holds itself. */
    private static void requireNoEscalation(Caller caller, ApiKeyRequest request) {
        if (caller.usesApiKey() && request.apiKeyScopes() != null) {
            List<String> beyond = request.apiKeyScopes().stream().map(ApiKeyView.Scope::name)
                    .filter(scope -> !caller.scopes().contains(scope)).toList();
            if (!beyond.isEmpty()) {
                throw ApiException.forbidden("an API key cannot grant scopes it does not hold: " + String.join(", ", beyond));
            }
        }
    }

    /** Revokes a key at once. */
    @Delete("/{api_key_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "api_keys/destroy")
    public HttpResponse<Void> destroyApiKey(@PathVariable("api_key_id") String apiKeyId, Authentication authentication) {
        keys.delete(keys.find(apiKeyId, Caller.of(authentication)));
        return HttpResponse.noContent();
    }
}
