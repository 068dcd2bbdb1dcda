package io.tapeflow.security;

/** Role names as constants, for {@code @Secured}. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String USER = "user";
    public static final String GUEST = "guest";

    private Roles() {
    }
}
