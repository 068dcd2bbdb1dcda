package io.tapeflow.api;

import io.micronaut.data.exceptions.DataAccessException;
import io.tapeflow.persistence.Constraints;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A resource name that must be unique (containers, pools, libraries): checked before the write so the
 * client gets every error of its request at once, and enforced by the database's unique key, whose
 * violation (a concurrent request took the name first) is reported as the same 422.
 */
public final class UniqueName {

    private UniqueName() {
    }

    /** Adds a "taken" error when another row ({@code self} excluded) has the name. */
    public static void checkFree(String name, Long self, Function<String, List<Long>> idsByName, FieldErrors errors) {
        if (name != null && idsByName.apply(name).stream().anyMatch(id -> !id.equals(self))) {
            errors.add("name", "taken", "name has already been taken");
        }
    }

    /** Runs an insert or update whose only unique key besides the id is the name. */
    public static <T> T write(Supplier<T> write) {
        try {
            return write.get();
        } catch (DataAccessException e) {
            if (Constraints.isViolation(e)) {
                throw ApiException.invalid("name", "taken", "name has already been taken");
            }
            throw e;
        }
    }
}
