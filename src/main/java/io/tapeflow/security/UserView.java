package io.tapeflow.security;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A user as the API shows it: never the password or its hash. */
@Serdeable
public record UserView(long id, String username, Role role, Instant creationDate, Instant modificationDate,
                       String creationUsername, String modificationUsername) {

    static UserView of(User user) {
        return new UserView(user.id(), user.username(), user.role(), user.creationDate(), user.modificationDate(),
                user.creationUsername(), user.modificationUsername());
    }
}
