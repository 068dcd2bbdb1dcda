package io.tapeflow.api;

import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.LongPredicate;

/**
 * Resolves a path's {@code {x_id}} that may be a numeric id or a name (or barcode). A name made of
 * digits may also be another row's id: both then match, and the client must use the numeric id.
 */
public final class IdOrName {

    private IdOrName() {
    }

    /**
     * @param idsByName the ids of the rows with that name
     * @param exists    whether a row has that id
     * @throws ApiException 404 when none matches, 409 when several do
     */
    public static long resolve(String resource, String idOrName, Function<String, List<Long>> idsByName, LongPredicate exists) {
        TreeSet<Long> ids = new TreeSet<>(idsByName.apply(idOrName));
        PathIds.numeric(idOrName).ifPresent(id -> {
            if (exists.test(id)) {
                ids.add(id);
            }
        });
        if (ids.isEmpty()) {
            throw ApiException.notFound(resource, idOrName);
        }
        if (ids.size() > 1) {
            throw ApiException.conflict(resource + " " + idOrName + " is ambiguous: it matches the " + resource + "s "
                    + ids + " by id and by name; use the numeric id of the one you mean");
        }
        return ids.first();
    }
}
