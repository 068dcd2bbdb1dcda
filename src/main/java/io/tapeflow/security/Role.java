package io.tapeflow.security;

/** What a user may do: admins everything, users their own resources, guests only read. Lowercase: these are the wire values. */
public enum Role {
    admin, user, guest
}
