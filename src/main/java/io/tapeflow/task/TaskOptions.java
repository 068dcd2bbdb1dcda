package io.tapeflow.task;

import io.tapeflow.transfer.ChecksumType;

import java.util.Map;

/**
 * The options a run uses, with their defaults filled in.
 *
 * @param tapeToScratch  format: the formatted tape joins the scratch pool
 * @param ejectTapeAfter tape runs: the tapes used go to the I/O slots when the run ends
 * @param overwrite      format: a tape holding catalogued files may be formatted (those catalog copies go)
 */
public record TaskOptions(ChecksumType checksum, int parallelism, boolean resetFileDate, boolean tapeToScratch,
                          boolean ejectTapeAfter, boolean overwrite) {

    static final int MAX_PARALLELISM = 64;

    static TaskOptions of(Map<TaskOptionType, String> values) {
        String checksum = values.get(TaskOptionType.file_checksum);
        String parallel = values.get(TaskOptionType.parallel_processing);
        return new TaskOptions(checksum == null ? ChecksumType.DEFAULT : ChecksumType.of(checksum),
                parallel == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(parallel),
                "true".equals(values.get(TaskOptionType.reset_file_date)),
                "true".equals(values.get(TaskOptionType.tape_to_scratch)),
                "true".equals(values.get(TaskOptionType.eject_tape_after)),
                "true".equals(values.get(TaskOptionType.overwrite)));
    }
}
