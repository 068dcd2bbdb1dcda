package io.tapeflow.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog rows of one tape file, gathered while it is written and handed to {@link CatalogStore#write} once its
 * mark is on tape: the file versions it starts, the checksums of the spanning files it completes, and a copy row per
 * entry (or part). All rows belong to one run, which is what lets the store learn the new rows' ids in one query.
 */
public final class CatalogBatch {

    /**
     * A catalog file row, known by the entries of a run: its id is known once the batch that creates it is written,
     * so a file spanning cartridges keeps the same {@code FileRow} from its first part to its last.
     */
    public static final class FileRow {
        private final String path;
        private final long size;
        private final Instant mtime;
        private final String checksumType;
        private String checksum;
        private long id;

        private FileRow(String path, long size, Instant mtime, String checksum, String checksumType) {
            this.path = path;
            this.size = size;
            this.mtime = mtime;
            this.checksum = checksum;
            this.checksumType = checksumType;
        }

        private FileRow(long id) {
            this(null, 0, null, null, null);
            this.id = id;
        }

        /** The row's id; 0 until the batch creating it is written. */
        public long id() {
            return id;
        }

        boolean written() {
            return id != 0;
        }

        void written(long id) {
            this.id = id;
        }

        String path() {
            return path;
        }

        long size() {
            return size;
        }

        Instant mtime() {
            return mtime;
        }

        String checksum() {
            return checksum;
        }

        String checksumType() {
            return checksumType;
        }
    }

    /** Where a file, or the byte range {@code partOffset}+{@code partLength} of it, lies on tape. */
    record Copy(FileRow file, long tapeId, String barcode, int tapeFile, int position, long partOffset, long partLength) {
    }

    /** The whole-file checksum of a row written by an earlier batch. */
    record Completion(long fileId, String checksum) {
    }

    private final long taskId;
    private final long executionId;
    private final List<FileRow> newFiles = new ArrayList<>();
    private final List<Completion> completions = new ArrayList<>();
    private final List<Copy> copies = new ArrayList<>();

    /** The rows of run {@code executionId} of task {@code taskId}: its files and its copies (copy set {@code executionId}). */
    public CatalogBatch(long taskId, long executionId) {
        this.taskId = taskId;
        this.executionId = executionId;
    }

    /** A row that exists already (a file being copied to another tape). */
    public static FileRow existing(long fileId) {
        return new FileRow(fileId);
    }

    /** A new file version; {@code checksum} may be null until its last part is on tape ({@link #complete}). */
    public FileRow newFile(String path, long size, Instant mtime, String checksum, String checksumType) {
        FileRow file = new FileRow(path, size, mtime, checksum, checksumType);
        newFiles.add(file);
        return file;
    }

    /** The last part of {@code file} is on tape: its whole-file checksum. */
    public void complete(FileRow file, String checksum) {
        if (file.written()) {
            completions.add(new Completion(file.id(), checksum));
        } else {
            file.checksum = checksum;
        }
    }

    /** A copy (or part of one) of {@code file} at entry {@code position} of tape file {@code tapeFile}. */
    public void copy(FileRow file, long tapeId, String barcode, int tapeFile, int position, long partOffset, long partLength) {
        copies.add(new Copy(file, tapeId, barcode, tapeFile, position, partOffset, partLength));
    }

    long taskId() {
        return taskId;
    }

    long executionId() {
        return executionId;
    }

    List<FileRow> newFiles() {
        return newFiles;
    }

    List<Completion> completions() {
        return completions;
    }

    List<Copy> copies() {
        return copies;
    }
}
