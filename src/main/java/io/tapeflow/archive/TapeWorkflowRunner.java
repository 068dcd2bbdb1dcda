package io.tapeflow.archive;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.exceptions.DataAccessException;
import io.tapeflow.execution.Execution;
import io.tapeflow.execution.ExecutionRepository;
import io.tapeflow.execution.ExecutionStore;
import io.tapeflow.execution.Progress;
import io.tapeflow.execution.RunChunk;
import io.tapeflow.execution.Units;
import io.tapeflow.execution.WorkflowRunner;
import io.tapeflow.job.JobRunrServer;
import io.tapeflow.job.NodeName;
import io.tapeflow.library.DriveAllocator;
import io.tapeflow.library.TapeEvent;
import io.tapeflow.library.TapeMounter;
import io.tapeflow.task.Task;
import io.tapeflow.task.TaskEndpoint;
import io.tapeflow.task.TaskOptionService;
import io.tapeflow.task.TaskStatus;
import io.tapeflow.task.WorkflowAction;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the workflows that read or write tapes. A run first gets a drive and a cartridge from the
 * {@link DriveAllocator}; while it waits it holds no worker: it says so in its status and looks again
 * in a new job a moment later, until its wait times out or it is stopped. Holding the drive, it works
 * for a time slice, then hands over to a new job with the drive still leased; when it ends (or is paused)
 * the cartridge goes back to its slot and the drive to the next waiting run. Tape trouble an operator
 * must act on (no room left, a cartridge or drive failing) is published as a {@link TapeEvent}.
 */
@Singleton
public class TapeWorkflowRunner implements WorkflowRunner {

    static final Duration SLICE = Duration.ofSeconds(60);
    static final Duration WAIT_POLL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(TapeWorkflowRunner.class);
    private static final Set<WorkflowAction> TAPE_ONLY = EnumSet.of(WorkflowAction.format, WorkflowAction.check_consistency,
            WorkflowAction.ejection, WorkflowAction.duplication, WorkflowAction.rehydratation);
    private static final String NO_ROOM = "waiting for a writable tape in pool ";

    private final ExecutionStore store;
    private final ExecutionRepository executions;
    private final TaskOptionService options;
    private final DriveAllocator allocator;
    private final TapeMounter mounter;
    private final JobRunrServer jobs;
    private final TapeArchiver archiver;
    private final TapeFormatter formatter;
    private final TapeEjector ejector;
    private final TapeRestorer restorer;
    private final TapeBook book;
    private final TapeDuplicator duplicator;
    private final TapeRehydrator rehydrator;
    private final TapeVerifier verifier;
    private final TapeCatalogScanner scanner;
    private final Duration waitTimeout;
    private final ApplicationEventPublisher<TapeEvent> tapeEvents;

    TapeWorkflowRunner(ExecutionStore store, ExecutionRepository executions, TaskOptionService options, DriveAllocator allocator,
                       TapeMounter mounter, JobRunrServer jobs, TapeArchiver archiver, TapeFormatter formatter, TapeEjector ejector,
                       TapeRestorer restorer, TapeBook book, TapeDuplicator duplicator, TapeRehydrator rehydrator,
                       TapeVerifier verifier, TapeCatalogScanner scanner, TapeRunConfiguration configuration,
                       ApplicationEventPublisher<TapeEvent> tapeEvents) {
        this.tapeEvents = tapeEvents;
        this.book = book;
        this.duplicator = duplicator;
        this.rehydrator = rehydrator;
        this.verifier = verifier;
        this.scanner = scanner;
        this.restorer = restorer;
        this.store = store;
        this.executions = executions;
        this.options = options;
        this.allocator = allocator;
        this.mounter = mounter;
        this.jobs = jobs;
        this.archiver = archiver;
        this.formatter = formatter;
        this.ejector = ejector;
        this.waitTimeout = configuration.driveWaitTimeout();
    }

    @Override
    public boolean handles(Execution execution, List<TaskEndpoint> sources, List<TaskEndpoint> destinations) {
        return TAPE_ONLY.contains(execution.workflowAction())
                || sources.stream().anyMatch(e -> !e.isContainer()) || destinations.stream().anyMatch(e -> !e.isContainer());
    }

    @Override
    public void run(Execution execution, Task task, List<TaskEndpoint> sources, List<TaskEndpoint> destinations) {
        TapeRun run = new TapeRun(execution, task, options.of(task.id()), sources, destinations,
                id -> executions.findById(id).orElseThrow());
        try {
            TapeWork.Outcome asked = run.requested();
            if (asked != null) {
                // why: between two slices the run holds its drives and cartridges: they go back before it ends
                run.grant = allocator.held(run.id()).orElse(null);
                run.readGrant = allocator.readGrant(run.id()).orElse(null);
                finish(run, asked);
                return;
            }
            if (execution.workflowAction() == WorkflowAction.ejection) {
                finish(run, ejector.eject(run));
                return;
            }
            TapeWork work = work(run);
            DriveAllocator.Need need = work.need(run);
            if (need == null) {
                finish(run, TapeWork.Outcome.FINISHED);
                return;
            }
            if (need.paired() && !allocator.hasDrivesFor(need)) {
                String why = tooFewDrives(run, need);
                run.log.error(null, why);
                end(run, TaskStatus.error, why);
                return;
            }
            Optional<DriveAllocator.Grant> grant = allocator.acquire(need);
            if (grant.isEmpty()) {
                waitForDrive(run, need);
                return;
            }
            run.grant = grant.get();
            run.device = mounter.mount(run.grant);
            run.readGrant = allocator.readGrant(run.id()).orElse(null);
            if (run.readGrant != null) {
                run.readDevice = mounter.mount(run.readGrant);
            }
            // why: with several nodes, which one carried out each slice of the run
            run.log.info(null, "working on drive " + run.grant.driveNumber() + " with tape "
                    + mounter.cartridge(run.grant.tapeId()).barcode() + " on node " + NodeName.current());
            TapeWork.Outcome outcome = work.work(run);
            if (outcome == TapeWork.Outcome.HANDED_OVER) {
                jobs.scheduler().enqueue(new RunChunk(execution.id()));
                return;
            }
            finish(run, outcome);
        } catch (DataAccessException e) {
            // why: the database failed, not the run (a deadlock, a lost connection): JobRunr retries the chunk
            // from its checkpoint, with the drive still leased, and RunChunkHandler gives up after a few in a row
            throw e;
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("execution {}: tape run failed: {}", execution.id(), why, e);
            run.log.error(null, why);
            tapeTrouble(run, e, why);
            end(run, TaskStatus.error, why);
        }
    }

    /** Tells about a failure of the cartridge or the hardware the run holds, if that is what it was. */
    private void tapeTrouble(TapeRun run, Exception failure, String why) {
        TapeEvent.Type type = TapeEvent.typeOf(failure);
        if (type != null && run.grant != null) {
            tapeEvents.publishEvent(new TapeEvent(type, run.grant.libraryId(), run.grant.driveNumber(), run.grant.tapeId(),
                    run.destinations.stream().map(TaskEndpoint::poolId).filter(java.util.Objects::nonNull).findFirst().orElse(null),
                    run.id(), why));
        }
    }

    private TapeWork work(TapeRun run) {
        return switch (run.execution.workflowAction()) {
            case copy, move -> {
                if (run.destinations.stream().anyMatch(e -> !e.isContainer())) {
                    yield archiver;
                }
                yield restorer;
            }
            case format -> formatter;
            case duplication -> duplicator;
            case rehydratation -> rehydrator;
            case check_consistency -> verifier;
            case scan -> scanner;
            default -> throw new IllegalStateException("workflow_action " + run.execution.workflowAction()
                    + " on pools and tapes is not carried out by this Tapeflow version yet");
        };
    }

    /**
     * Why a run copying tape to tape is refused where there are not two drives: it reads one cartridge while it
     * writes another, and staging whole tapes on disk instead would need room an admin did not plan for.
     */
    private String tooFewDrives(TapeRun run, DriveAllocator.Need need) {
        String libraries = need.libraryId() == need.readLibraryId() ? "library " + book.libraryName(need.libraryId()) + " has fewer than 2 drives"
                : "libraries " + book.libraryName(need.readLibraryId()) + " and " + book.libraryName(need.libraryId()) + " need a drive each";
        return run.execution.workflowAction() + " reads one tape while it writes another, so it needs two drives at once; " + libraries
                + ". Add a drive, or restore the files to a container and archive them from there";
    }

    private void waitForDrive(TapeRun run, DriveAllocator.Need need) {
        TapeWork.Outcome control = run.requested();
        if (control != null) {
            finish(run, control);
            return;
        }
        Instant since = allocator.requestedAt(run.id()).orElse(Instant.now());
        if (Duration.between(since, Instant.now()).compareTo(waitTimeout) > 0) {
            String why = "gave up waiting for a drive after " + waitTimeout.toSeconds() + " s";
            run.log.error(null, why);
            end(run, TaskStatus.error, why);
            return;
        }
        String waiting = waitingFor(run, need);
        if (waiting.startsWith(NO_ROOM) && (run.execution.statusText() == null || !run.execution.statusText().startsWith(NO_ROOM))) {
            // Once per wait, not at every look: the operator has to add a tape to the pool.
            tapeEvents.publishEvent(new TapeEvent(TapeEvent.Type.tape_full, need.libraryId(), null, null, need.poolId(), run.id(), waiting));
        }
        store.changeStatus(run.execution, TaskStatus.in_queue, waiting + " (since " + since + ")");
        jobs.scheduler().schedule(Instant.now().plus(WAIT_POLL), new RunChunk(run.id()));
    }

    /** What a waiting run waits for, in the words an operator acts on. */
    private String waitingFor(TapeRun run, DriveAllocator.Need need) {
        if (need.poolId() != null && !allocator.poolHasRoom(need.poolId(), run.id())) {
            return NO_ROOM + book.poolName(need.poolId()) + ": none has "
                    + Units.bytes(DriveAllocator.MIN_USEFUL_FREE) + " free; add a tape to the pool";
        }
        long ahead = allocator.waitingAhead(run.id());
        String what = need.tapeId() != null ? "a drive and tape " + mounter.cartridge(need.tapeId()).barcode() : "a drive and a writable tape";
        if (need.paired()) {
            what += ", and a second drive reading tape " + mounter.cartridge(need.readTapeId()).barcode();
        }
        return "waiting for " + what + " (" + ahead + " run" + (ahead == 1 ? "" : "s") + " ahead)";
    }

    private void finish(TapeRun run, TapeWork.Outcome outcome) {
        run.reload();
        switch (outcome) {
            case PAUSED -> end(run, TaskStatus.paused, "paused");
            case STOPPED -> end(run, TaskStatus.stopped_by_user, "stopped by request");
            default -> {
                Progress p = run.progress;
                TaskStatus status = p.failedFiles() == 0 ? TaskStatus.done
                        : p.processedFiles() > 0 || p.skippedFiles() > 0 ? TaskStatus.finished_with_warnings : TaskStatus.error;
                end(run, status, p.processedFiles() + " files done, " + p.skippedFiles() + " skipped, " + p.failedFiles() + " failed");
            }
        }
    }

    /**
     * Puts the cartridges back, frees the drives for the next waiting runs, then records the end: a run
     * that says it ended holds no drive (else another node's grant pass would take it back as abandoned).
     */
    private void end(TapeRun run, TaskStatus status, String summary) {
        unload(run, run.grant);
        unload(run, run.readGrant);
        allocator.release(run.id());
        Execution execution = executions.findById(run.id()).orElseThrow();
        store.progress(execution, run.progress, run.bandwidth(), 0L, "[3/3] " + summary, run.log.drain());
        store.changeStatus(executions.findById(run.id()).orElseThrow(), status, summary);
        store.log(run.id(), status == TaskStatus.done || status == TaskStatus.paused ? "INFO" : "WARN", null, "ended " + status + ": " + summary);
        LOG.info("execution {} of task {} ended {}: {}", run.id(), run.task.id(), status, summary);
    }

    private void unload(TapeRun run, DriveAllocator.Grant grant) {
        if (grant == null) {
            return;
        }
        try {
            mounter.unload(grant.libraryId(), grant.driveNumber());
        } catch (Exception e) {
            run.log.warn(null, "the cartridge could not be put back in its slot: " + e.getMessage());
        }
    }
}
