package io.tapeflow.persistence;

import java.sql.SQLException;

/** Recognises a database constraint violation behind whatever exception wraps it. */
public final class Constraints {

    private Constraints() {
    }

    /** SQLSTATE class 23 is a constraint violation (unique or foreign key) on both MariaDB and H2. */
    public static boolean isViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
