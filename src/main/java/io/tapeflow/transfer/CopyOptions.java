package io.tapeflow.transfer;

/**
 * How {@link FileCopier} copies a file. {@code null} components take their defaults: {@link ConflictPolicy#RENAME},
 * {@link ChecksumType#DEFAULT}, unlimited bandwidth, no control, no progress.
 *
 * @param conflictPolicy what to do when the target exists
 * @param checksum       the checksum computed over the copied bytes
 * @param bandwidth      the limit to respect; share one between the files of an execution to cap the execution
 * @param control        asked between buffers whether to go on
 * @param progress       told about written bytes, per buffer
 * @param directorySync  when the directory entry of a published copy is flushed
 * @param dataSync       how a copy's bytes are made durable before it is named
 */
public record CopyOptions(ConflictPolicy conflictPolicy, ChecksumType checksum, BandwidthLimiter bandwidth,
                          TransferControl control, ProgressListener progress, DirectorySync directorySync,
                          DataSync dataSync) {

    public CopyOptions {
        conflictPolicy = conflictPolicy == null ? ConflictPolicy.RENAME : conflictPolicy;
        checksum = checksum == null ? ChecksumType.DEFAULT : checksum;
        bandwidth = bandwidth == null ? BandwidthLimiter.unlimited() : bandwidth;
        control = control == null ? TransferControl.NONE : control;
        progress = progress == null ? ProgressListener.NONE : progress;
        directorySync = directorySync == null ? DirectorySync.IMMEDIATE : directorySync;
        dataSync = dataSync == null ? DataSync.EACH_FILE : dataSync;
    }

    /** All defaults. */
    public static CopyOptions defaults() {
        return new CopyOptions(null, null, null, null, null, null, null);
    }

    public CopyOptions withConflictPolicy(ConflictPolicy policy) {
        return new CopyOptions(policy, checksum, bandwidth, control, progress, directorySync, dataSync);
    }

    public CopyOptions withChecksum(ChecksumType type) {
        return new CopyOptions(conflictPolicy, type, bandwidth, control, progress, directorySync, dataSync);
    }

    /** A limit in bytes per second for this copy alone; {@code null} for none. */
    public CopyOptions withBandwidthLimit(Long bytesPerSecond) {
        return withBandwidth(BandwidthLimiter.of(bytesPerSecond));
    }

    public CopyOptions withBandwidth(BandwidthLimiter limiter) {
        return new CopyOptions(conflictPolicy, checksum, limiter, control, progress, directorySync, dataSync);
    }

    public CopyOptions withControl(TransferControl transferControl) {
        return new CopyOptions(conflictPolicy, checksum, bandwidth, transferControl, progress, directorySync, dataSync);
    }

    public CopyOptions withProgress(ProgressListener listener) {
        return new CopyOptions(conflictPolicy, checksum, bandwidth, control, listener, directorySync, dataSync);
    }

    public CopyOptions withDataSync(DataSync sync) {
        return new CopyOptions(conflictPolicy, checksum, bandwidth, control, progress, directorySync, sync);
    }

    public CopyOptions withDirectorySync(DirectorySync sync) {
        return new CopyOptions(conflictPolicy, checksum, bandwidth, control, progress, sync, dataSync);
    }
}
