package io.tapeflow.statistics;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Per UTC day from {@code from} to {@code to} (ISO dates, both included), only days with activity:
 * {@code executions}, {@code files} and {@code bytes} of the copy and move runs that finished that day
 * (archives and restores included); {@code archived_files}/{@code archived_bytes}, the file versions
 * the catalog recorded on tape that day.
 */
@Serdeable
public record ByDate(String from, String to, List<Day> byDate) {

    @Serdeable
    public record Day(String date, long executions, long files, long bytes, long archivedFiles, long archivedBytes) {
    }
}
