package io.tapeflow.task;

import io.tapeflow.transfer.ChecksumType;

import java.util.Map;

/** The options a run uses, with their defaults filled in. */
public record TaskOptions(ChecksumType checksum, int parallelism, boolean resetFileDate) {

    static final int MAX_PARALLELISM = 64;

    static TaskOptions of(Map<TaskOptionType, String> values) {
        String checksum = values.get(TaskOptionType.file_checksum);
        String parallel = values.get(TaskOptionType.parallel_processing);
        return new TaskOptions(checksum == null ? ChecksumType.DEFAULT : ChecksumType.of(checksum),
                parallel == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(parallel),
                "true".equals(values.get(TaskOptionType.reset_file_date)));
    }
}
