package io.tapeflow.security;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.util.Set;

/** The writable fields of a user; null means "not given". */
@Serdeable
public record UserRequest(String username, String password, Role role) {

    static final int MIN_PASSWORD = 8;
    private static final Set<String> WRITABLE = Set.of("username", "password", "role");
    private static final Set<String> READ_ONLY = Set.of("id", "creation_date", "modification_date",
            "creation_username", "modification_username");

    /** Reads a create ({@code complete}) or update body, collecting errors into {@code errors}. */
    static UserRequest read(JsonNode node, boolean complete, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, WRITABLE, READ_ONLY, errors);
        String username = body.text("username", 100, complete);
        if (username != null && !username.matches("[A-Za-z0-9._@-]+")) {
            errors.add("username", "invalid", "username may only hold letters, digits and . _ @ -");
        }
        String password = body.text("password", 200, complete);
        if (password != null && password.length() < MIN_PASSWORD) {
            errors.add("password", "too_short", MIN_PASSWORD, "password is too short (minimum is " + MIN_PASSWORD + " characters)");
        }
        Role role = body.enumeration("role", Role.class);
        return new UserRequest(username, password, role);
    }
}
