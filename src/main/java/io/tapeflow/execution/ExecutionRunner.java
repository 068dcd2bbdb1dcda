package io.tapeflow.execution;

import io.tapeflow.container.ContainerRoot;
import io.tapeflow.container.ContainerService;
import io.tapeflow.task.EndpointKind;
import io.tapeflow.task.TaskEndpoint;
import io.tapeflow.task.TaskEndpointService;
import io.tapeflow.job.JobRunrServer;
import io.tapeflow.task.Task;
import io.tapeflow.task.TaskRepository;
import io.tapeflow.task.TaskOptionService;
import io.tapeflow.task.TaskOptions;
import io.tapeflow.task.TaskStatus;
import io.tapeflow.task.WorkflowAction;
import io.tapeflow.transfer.BandwidthLimiter;
import io.tapeflow.transfer.ConflictPolicy;
import io.tapeflow.transfer.CopyOptions;
import io.tapeflow.transfer.DirectorySync;
import io.tapeflow.transfer.GroupSync;
import io.tapeflow.transfer.ReadAhead;
import io.tapeflow.transfer.SourceEntry;
import io.tapeflow.transfer.TransferControl;
import io.tapeflow.transfer.TransferInterrupted;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Carries an execution on from its checkpoint: plan (count what the sources hold), transfer file by
 * file, finalize. It returns after a time slice, leaving the rest to a new job, so no job runs for
 * hours and a dead node loses at most the files since the last checkpoint. Re-running it for an
 * execution that already ended or is paused does nothing, which makes JobRunr's retries safe.
 */
@Singleton
public class ExecutionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionRunner.class);
    /** A chunk: the checkpoint is committed at least this often. */
    static final int CHUNK_FILES = 1000;
    static final long CHUNK_BYTES = 1L << 30;
    static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(1);
    static final Duration SLICE = Duration.ofSeconds(60);

    private final ExecutionRepository executions;
    private final ExecutionStore store;
    private final TaskRepository tasks;
    private final TaskEndpointService endpoints;
    private final ContainerService containers;
    private final JobRunrServer jobs;
    private final TaskOptionService options;
    private final List<WorkflowRunner> tapeRunners;
    private final RetryFiles retryFiles;

    public ExecutionRunner(ExecutionRepository executions, ExecutionStore store, TaskRepository tasks,
                           TaskEndpointService endpoints, ContainerService containers, JobRunrServer jobs,
                           TaskOptionService options, List<WorkflowRunner> tapeRunners, RetryFiles retryFiles) {
        this.retryFiles = retryFiles;
        this.options = options;
        this.tapeRunners = tapeRunners;
        this.executions = executions;
        this.store = store;
        this.tasks = tasks;
        this.endpoints = endpoints;
        this.containers = containers;
        this.jobs = jobs;
    }

    public void run(long executionId) {
        Execution execution = executions.findById(executionId).orElse(null);
        if (execution == null || execution.isFinished() || execution.status() == TaskStatus.paused) {
            return;
        }
        Task task = tasks.findById(execution.taskId()).orElse(null);
        if (task == null) {
            store.changeStatus(execution, TaskStatus.error, "the task was deleted");
            return;
        }
        try {
            List<TaskEndpoint> sourceEndpoints = endpoints.list(EndpointKind.SOURCE, task.id());
            List<TaskEndpoint> destinationEndpoints = endpoints.list(EndpointKind.DESTINATION, task.id());
            for (WorkflowRunner runner : tapeRunners) {
                if (runner.handles(execution, sourceEndpoints, destinationEndpoints)) {
                    runner.run(execution, task, sourceEndpoints, destinationEndpoints);
                    return;
                }
            }
            if (acknowledgedControl(execution)) {
                return;
            }
            List<SourceRoot> sources = sourceEndpoints.stream().map(this::sourceRoot).toList();
            List<Destination> destinations = destinationEndpoints.stream().map(this::destination).toList();
            if (execution.workflowAction() == WorkflowAction.scan) {
                scan(execution, sources);
                return;
            }
            String overlap = overlap(sources, destinations);
            if (overlap != null) {
                store.log(executionId, "ERROR", null, overlap);
                store.changeStatus(execution, TaskStatus.error, overlap);
                return;
            }
            RunPlan plan = retryFiles.planOf(execution);
            if (!execution.planned()) {
                execution = plan(execution, plan, sources);
            }
            transfer(execution, task, plan, sources, destinations);
        } catch (io.tapeflow.api.ApiException e) {
            // A source or destination no longer resolves inside its container (deleted, or a link now escapes).
            store.log(executionId, "ERROR", null, e.getMessage());
            store.changeStatus(executions.findById(executionId).orElseThrow(), TaskStatus.error, e.getMessage());
        }
    }

    /** A destination inside a source would have the run copy its own output, again and again. */
    private static String overlap(List<SourceRoot> sources, List<Destination> destinations) {
        for (Destination destination : destinations) {
            Path folder = destination.root().resolve(destination.folder());
            for (SourceRoot source : sources) {
                if (folder.startsWith(source.path())) {
                    return "destination " + folder + " lies inside source " + source.path() + ": the run would copy its own output";
                }
            }
        }
        return null;
    }

    private SourceRoot sourceRoot(TaskEndpoint endpoint) {
        return SourceRoot.of(containers, endpoint);
    }

    private Destination destination(TaskEndpoint endpoint) {
        ContainerRoot root = ContainerRoot.of(containers.find(endpoint.containerId()));
        root.resolve(endpoint.path()); // a destination folder that now leaves its container fails the run at once
        return new Destination(root, endpoint.path());
    }

    private boolean acknowledgedControl(Execution execution) {
        return switch (execution.control()) {
            case none -> false;
            case pause -> {
                store.changeStatus(execution, TaskStatus.paused, "paused by " + "request");
                yield true;
            }
            case stop -> {
                store.changeStatus(execution, TaskStatus.stopped_by_user, "stopped by request");
                yield true;
            }
        };
    }

    /** Step 1: goes through the plan once, in constant memory, to know how much there is to do. */
    private Execution plan(Execution execution, RunPlan plan, List<SourceRoot> sources) {
        store.changeStatus(execution, TaskStatus.calculating, "[1/3] calculating");
        long files = 0;
        long bytes = 0;
        for (int s = 0; s < sources.size(); s++) {
            if (plan.includes(s)) {
                SourceTally tally = tally(execution, plan, s, sources.get(s));
                files += tally.files();
                bytes += tally.bytes();
            }
        }
        store.planned(execution, files, bytes);
        store.log(execution.id(), "INFO", null, "planned " + files + " files, " + bytes + " bytes");
        return executions.findById(execution.id()).orElseThrow();
    }

    /** A scan: counts what each source holds; a source that is a whole container updates its statistics. */
    private void scan(Execution execution, List<SourceRoot> sources) {
        store.changeStatus(execution, TaskStatus.in_progress, "[2/3] scanning");
        long files = 0;
        long bytes = 0;
        for (int s = 0; s < sources.size(); s++) {
            SourceRoot source = sources.get(s);
            SourceTally tally = tally(execution, RunPlan.WALK, s, source);
            files += tally.files();
            bytes += tally.bytes();
            store.log(execution.id(), "INFO", source.path().toString(), "holds " + tally.files() + " files, " + tally.bytes() + " bytes");
            if (source.wholeContainer()) {
                containers.recordStatistics(source.containerId(), tally.files(), tally.bytes());
            }
        }
        store.planned(execution, files, bytes);
        Execution planned = executions.findById(execution.id()).orElseThrow();
        store.progress(planned, new Progress(bytes, files, files, 0, 0, sources.size(), null), 0, 0L, "[3/3] finalize", PendingLog.Batch.NONE);
        store.changeStatus(planned, TaskStatus.done, "scanned " + files + " files, " + Units.bytes(bytes));
    }

    private SourceTally tally(Execution execution, RunPlan plan, int s, SourceRoot source) {
        try {
            return plan.tally(s, source);
        } catch (io.micronaut.data.exceptions.DataAccessException e) {
            throw e; // the database, not the source: JobRunr retries the chunk
        } catch (RuntimeException e) {
            store.log(execution.id(), "ERROR", source.path().toString(), "cannot read source: " + e.getMessage());
            return SourceTally.NONE;
        }
    }

    /** Step 2 and 3: copies from the checkpoint on, then finalizes, or hands over after a slice. */
    private void transfer(Execution execution, Task task, RunPlan plan, List<SourceRoot> sources, List<Destination> destinations) {
        store.changeStatus(execution, TaskStatus.in_progress, "[2/3] transfer");
        TaskOptions taskOptions = options.of(task.id());
        ControlFlag control = new ControlFlag(execution.id(), id -> executions.findById(id).map(Execution::control).orElse(Execution.Control.stop));
        ProgressMeter meter = new ProgressMeter(execution, Progress.of(execution), destinations.size(), live -> {
            try {
                store.live(execution, live.progress().processedSize(), live.liveBytes(), live.bandwidth(), live.etaSeconds(), live.statusText());
            } catch (RuntimeException e) {
                // Live figures are a courtesy: a database hiccup must not fail the copy that reports them.
                LOG.warn("execution {}: live progress not recorded: {}", execution.id(), e.getMessage());
            }
        });
        CopyOptions copyOptions = CopyOptions.defaults()
                .withConflictPolicy(ConflictPolicy.valueOf(task.conflictResolution().name().toUpperCase()))
                .withChecksum(taskOptions.checksum())
                .withBandwidth(BandwidthLimiter.of(task.bandwidthLimit()))
                .withControl(control)
                .withProgress(meter::bytes)
                .withDataSync(GroupSync.create());
        // A copy's directory is flushed before the checkpoint that covers it; a move deletes sources
        // file by file, so its copies must be durable at once.
        DirectorySync.Deferred directories = DirectorySync.deferred();
        if (execution.workflowAction() != WorkflowAction.move) {
            copyOptions = copyOptions.withDirectorySync(directories);
        }
        PendingLog log = new PendingLog();
        FileTransfer transfer = new FileTransfer(copyOptions, execution.workflowAction() == WorkflowAction.move,
                taskOptions.resetFileDate(), execution.filesPastCheckpoint(), log);
        store.filesPastCheckpoint(execution.id(), true);
        boolean erase = execution.workflowAction() == WorkflowAction.erase;
        Eraser eraser = new Eraser(log);
        long sliceEnd = System.nanoTime() + SLICE.toNanos();
        int maxInFlight = OrderedPipeline.maxInFlight(taskOptions.parallelism());
        Runnable checkpointIfDue = () -> {
            if (meter.dueForCheckpoint()) {
                directories.flush();
                store.progress(execution, meter.progress(), meter.bandwidth(), meter.etaSeconds(), meter.statusText(), log.drain());
                meter.checkpointed();
                meter.publishLiveIfUnderWay();
                if (meter.filesThisJob() > ExecutionRunner.CHUNK_FILES + maxInFlight) {
                    // Past anything the interrupted job can have finished beyond its checkpoint.
                    transfer.recovered();
                }
            }
        };
        try (OrderedPipeline pipeline = new OrderedPipeline(taskOptions.parallelism(), "execution-" + execution.id(),
                (source, entry, outcome) -> {
                    meter.done(outcome, source, entry);
                    if (outcome.isFailure()) {
                        log.failed(sources.get(source).containerId(), sources.get(source).containerPathOf(entry.relative()), outcome.reason());
                    }
                }, checkpointIfDue)) {
            try {
                for (int s = execution.checkpointSource(); s < sources.size(); s++) {
                    SourceRoot source = sources.get(s);
                    String after = s == execution.checkpointSource() ? execution.checkpointPath() : null;
                    if (!plan.includes(s)) {
                        continue;
                    }
                    if (!java.nio.file.Files.exists(source.path(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        if (after == null) {
                            log.error(source.path().toString(), "source does not exist");
                            log.failed(source.containerId(), source.containerPath(), "source does not exist");
                            meter.missingSource(s);
                        }
                        continue; // after a checkpoint: a moved or erased single-file source, done
                    }
                    try (Stream<SourceEntry> entries = plan.entriesAfter(s, source, after)) {
                        for (Iterator<SourceEntry> it = entries.iterator(); it.hasNext(); ) {
                            SourceEntry entry = it.next();
                            if (control.check() != TransferControl.Signal.CONTINUE) {
                                pipeline.drain();
                                throw new TransferInterrupted(control.check());
                            }
                            if (!erase && entry.kind() == SourceEntry.Kind.FILE) {
                                // why: the file waits in the queue a little; its read is under way meanwhile
                                ReadAhead.willRead(entry.absolute(), entry.size());
                            }
                            pipeline.submit(s, entry, erase ? () -> FileTransfer.done(eraser.process(entry))
                                    : () -> process(transfer, source, entry, destinations));
                            checkpointIfDue.run();
                            if (System.nanoTime() > sliceEnd) {
                                // Hand over cleanly: everything queued is done and under the checkpoint.
                                pipeline.drain();
                                directories.flush();
                                store.progress(execution, meter.progress(), meter.bandwidth(), meter.etaSeconds(), meter.statusText(), log.drain());
                                store.filesPastCheckpoint(execution.id(), false);
                                jobs.scheduler().enqueue(new RunChunk(execution.id()));
                                return;
                            }
                        }
                    }
                }
                pipeline.drain();
            } catch (TransferInterrupted interrupted) {
                directories.flush();
                store.progress(execution, meter.progress(), 0, null, meter.statusText(), log.drain());
                // A file may be at one destination of several when the pause landed: let the next job recognise it.
                store.filesPastCheckpoint(execution.id(), true);
                // A stop asked after the pause (before it was acknowledged) wins.
                boolean stop = interrupted.signal() == TransferControl.Signal.STOP
                        || executions.findById(execution.id()).map(Execution::control).orElse(Execution.Control.stop) == Execution.Control.stop;
                store.log(execution.id(), "INFO", null, stop ? "stopped by request" : "paused by request");
                store.changeStatus(execution, stop ? TaskStatus.stopped_by_user : TaskStatus.paused, stop ? "stopped" : "paused");
                return;
            }
        }
        store.filesPastCheckpoint(execution.id(), false);
        if (erase) {
            sources.forEach(source -> eraser.removeEmptiedDirectories(source.path(), !source.wholeContainer()));
        }
        directories.flush();
        finish(execution, meter, log);
    }

    private OrderedPipeline.Finish process(FileTransfer transfer, SourceRoot source, SourceEntry entry,
                                         List<Destination> destinations) {
        List<Path> targets;
        try {
            targets = targetsFor(source, entry, destinations);
        } catch (io.tapeflow.api.ApiException refused) {
            return transfer.refuse(entry, refused.getMessage());
        }
        return transfer.process(entry, targets);
    }

    /**
     * Where one source entry goes in each destination, resolved through the destination container's
     * root, so a symbolic link planted in a destination can never lead a write outside it (422 → error).
     */
    private static List<Path> targetsFor(SourceRoot source, SourceEntry entry, List<Destination> destinations) {
        String relative = source.targetOf(entry.relative());
        return destinations.stream().map(d -> d.root().resolve(d.folder() + "/" + relative)).toList();
    }

    /** A destination container and the folder inside it. */
    private record Destination(ContainerRoot root, String folder) {
    }

    private void finish(Execution execution, ProgressMeter meter, PendingLog log) {
        Progress progress = meter.progress();
        store.progress(execution, progress, meter.bandwidth(), 0L, "[3/3] finalize", log.drain());
        TaskStatus status = progress.failedFiles() == 0 ? TaskStatus.done
                : progress.processedFiles() > 0 || progress.skippedFiles() > 0 ? TaskStatus.finished_with_warnings : TaskStatus.error;
        String summary = progress.processedFiles() + " files copied, " + progress.skippedFiles() + " skipped, "
                + progress.failedFiles() + " failed";
        store.log(execution.id(), status == TaskStatus.done ? "INFO" : "WARN", null, "finished: " + summary);
        store.changeStatus(execution, status, summary);
        LOG.info("execution {} of task {} ended {}: {}", execution.id(), execution.taskId(), status, summary);
    }
}
