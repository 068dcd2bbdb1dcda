package io.tapeflow.metrics;

import java.util.List;
import java.util.Map;

/**
 * The figures the gauges show, read from the database together.
 *
 * @param runs            runs not ended, per status
 * @param throughput      bytes per second of the runs in progress, together
 * @param libraries       the drives of each library
 * @param pools           the tapes of each tape pool
 * @param deliveries      webhook deliveries queued, being sent, or given up, per status
 */
record Snapshot(Map<String, Long> runs, long throughput, List<Library> libraries, List<Pool> pools, Map<String, Long> deliveries) {

    static final Snapshot EMPTY = new Snapshot(Map.of(), 0, List.of(), List.of(), Map.of());

    record Library(String name, long drives, long inUse, long online) {
        double utilisation() {
            return drives == 0 ? 0 : (double) inUse / drives;
        }
    }

    record Pool(String name, long tapes, long free) {
    }
}
