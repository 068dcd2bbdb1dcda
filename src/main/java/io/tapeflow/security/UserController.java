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

import java.util.Set;

/** User accounts. Only admins manage them; everyone can read and change their own. */
@Controller("/api/v2/users")
@Secured(Roles.ADMIN)
@Tag(name = "users")
public class UserController {

    private final UserService users;
    private final PasswordAuthenticationProvider<?> authenticator;

    public UserController(UserService users, PasswordAuthenticationProvider<?> authenticator) {
        this.users = users;
        this.authenticator = authenticator;
    }

    /** Lists users, with the usual filters, sort_by, limit/offset and cursor. */
    @Get
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "users/index")
    public UserList listUsers(HttpRequest<?> request) {
        return UserList.of(users.list(ListQueryParser.parse(UserService.SCHEMA, request.getParameters().asMap(), Set.of())));
    }

    /** Creates a user; the role defaults to user. */
    @Post
    @Status(HttpStatus.CREATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "users/create")
    public UserView createUser(@Body @RequestBody(content = @Content(schema = @Schema(implementation = UserRequest.class))) JsonNode body,
                           Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        UserRequest request = UserRequest.read(body, true, errors);
        errors.throwIfAny();
        return UserView.of(users.create(request, Caller.of(authentication)));
    }

    /** The caller's own account. */
    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "users/me")
    public UserView getMe(Authentication authentication) {
        return UserView.of(users.find(String.valueOf(Caller.of(authentication).userId())));
    }

    /** Changes the caller's own password (the only field one may change on oneself). */
    @Put("/me")
    @Secured({Roles.ADMIN, Roles.USER})
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "users/me")
    public UserView updateMe(@Body @RequestBody(content = @Content(schema = @Schema(implementation = UserRequest.class))) JsonNode body,
                             Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (caller.usesApiKey()) {
            // A key must never be a way to take over the password, and with it the whole role.
            throw ApiException.forbidden("a password cannot be changed with an API key; use the password itself");
        }
        FieldErrors errors = new FieldErrors();
        UserRequest request = UserRequest.read(body, false, errors);
        if (request.username() != null || request.role() != null) {
            errors.add(request.username() != null ? "username" : "role", "invalid",
                    "only an admin can change a username or role, at /api/v2/users/{user_id}");
        }
        errors.throwIfAny();
        UserView updated = UserView.of(users.update(users.find(String.valueOf(caller.userId())), request, caller));
        authenticator.forget(caller.username());
        return updated;
    }

    /** One user, by id or username. */
    @Get("/{user_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "users/show")
    public UserView getUser(@PathVariable("user_id") String userId) {
        return UserView.of(users.find(userId));
    }

    /** Changes a user's username, password or role; fields not sent stay as they are. */
    @Put("/{user_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "users/update")
    public UserView updateUser(@PathVariable("user_id") String userId,
                           @Body @RequestBody(content = @Content(schema = @Schema(implementation = UserRequest.class))) JsonNode body,
                           Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        UserRequest request = UserRequest.read(body, false, errors);
        errors.throwIfAny();
        User user = users.find(userId);
        UserView updated = UserView.of(users.update(user, request, Caller.of(authentication)));
        // Again after the commit: a login between the in-transaction forget and the commit saw the old password.
        authenticator.forget(user.username());
        return updated;
    }

    /** Deletes a user who owns nothing any more; their API keys go with them. */
    @Delete("/{user_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "users/destroy")
    public HttpResponse<Void> destroyUser(@PathVariable("user_id") String userId, Authentication authentication) {
        User user = users.find(userId);
        users.delete(user, Caller.of(authentication));
        authenticator.forget(user.username());
        return HttpResponse.noContent();
    }
}
