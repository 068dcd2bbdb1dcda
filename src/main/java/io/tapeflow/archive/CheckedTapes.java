package io.tapeflow.archive;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.tapeflow.persistence.Sql;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The cartridges a consistency check reads: those of the task's pools and tapes that hold catalogued copies and
 * are not marked lost, in an order that reads the parts of every file spanning cartridges in file order (a pool
 * fills its tapes in no fixed id order), and what they hold.
 */
@Singleton
class CheckedTapes {

    private final JdbcOperations jdbc;
    private final TapeBook book;

    CheckedTapes(JdbcOperations jdbc, TapeBook book) {
        this.jdbc = jdbc;
        this.book = book;
    }

    /** The cartridges to read, in reading order. */
    @ReadOnly
    List<Long> of(TapeRun run) {
        List<Long> named = named(run);
        if (named.isEmpty()) {
            return List.of();
        }
        String in = placeholders(named.size());
        List<Long> held = Sql.longs(jdbc, "SELECT t.id FROM tape t WHERE t.id IN (" + in + ") AND t.lost = FALSE "
                + "AND EXISTS (SELECT 1 FROM catalog_copy c WHERE c.tape_id = t.id)", named.toArray());
        List<Long> tapes = named.stream().filter(held::contains).toList();
        if (tapes.isEmpty()) {
            return tapes;
        }
        in = placeholders(tapes.size());
        List<Object> parameters = new ArrayList<>(tapes);
        parameters.addAll(tapes);
        List<long[]> edges = Sql.rows(jdbc, "SELECT DISTINCT a.tape_id, b.tape_id FROM catalog_copy a "
                + "JOIN catalog_file f ON f.id = a.file_id "
                + "JOIN catalog_copy b ON b.file_id = a.file_id AND b.part_offset = a.part_offset + a.part_length "
                + "WHERE a.part_offset + a.part_length < f.size AND a.tape_id <> b.tape_id "
                + "AND a.tape_id IN (" + in + ") AND b.tape_id IN (" + in + ")", 2, parameters.toArray());
        return readingOrder(tapes, edges);
    }

    /** The task's cartridges marked lost that hold catalogued copies: the check cannot read them. */
    @ReadOnly
    List<Long> lost(TapeRun run) {
        List<Long> named = named(run);
        if (named.isEmpty()) {
            return List.of();
        }
        return Sql.longs(jdbc, "SELECT t.id FROM tape t WHERE t.id IN (" + placeholders(named.size()) + ") AND t.lost = TRUE "
                + "AND EXISTS (SELECT 1 FROM catalog_copy c WHERE c.tape_id = t.id) ORDER BY t.id", named.toArray());
    }

    /** The files and bytes the cartridges hold: what a check of them reads. */
    @ReadOnly
    long[] totals(List<Long> tapes) {
        if (tapes.isEmpty()) {
            return new long[]{0, 0};
        }
        return Sql.rows(jdbc, "SELECT COUNT(DISTINCT file_id), COALESCE(SUM(part_length), 0) FROM catalog_copy WHERE tape_id IN ("
                + placeholders(tapes.size()) + ")", 2, tapes.toArray()).get(0);
    }

    private List<Long> named(TapeRun run) {
        return List.copyOf(new LinkedHashSet<>(TapeFormatter.tapes(book, run)));
    }

    /**
     * {@code tapes} ordered so that a tape comes after every tape holding an earlier part of a file it continues
     * ({@code edges}: from, to); otherwise in the given order. A cycle (which the archiver does not make) is broken
     * at the first tape left.
     */
    static List<Long> readingOrder(List<Long> tapes, List<long[]> edges) {
        Map<Long, Integer> waitingFor = new HashMap<>();
        Map<Long, List<Long>> next = new HashMap<>();
        tapes.forEach(tape -> waitingFor.put(tape, 0));
        for (long[] edge : edges) {
            next.computeIfAbsent(edge[0], tape -> new ArrayList<>()).add(edge[1]);
            waitingFor.merge(edge[1], 1, Integer::sum);
        }
        List<Long> left = new ArrayList<>(tapes);
        List<Long> order = new ArrayList<>();
        while (!left.isEmpty()) {
            Long ready = left.stream().filter(tape -> waitingFor.get(tape) == 0).findFirst().orElse(left.get(0));
            left.remove(ready);
            order.add(ready);
            for (Long after : next.getOrDefault(ready, List.of())) {
                waitingFor.merge(after, -1, Integer::sum);
            }
        }
        return order;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
