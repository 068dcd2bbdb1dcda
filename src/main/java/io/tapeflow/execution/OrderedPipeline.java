package io.tapeflow.execution;

import io.tapeflow.transfer.SourceEntry;
import io.tapeflow.transfer.TransferInterrupted;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies several files at once while completing them strictly in walk order, so the checkpoint only ever
 * covers a gap-free prefix of the walk. Each file's work has two steps: streaming its bytes, on one of
 * {@code streams} threads that take files in walk order, then flushing and naming it, on one of
 * {@link #FLUSHING} more. Small files are bound by flush latency, not bytes: many flushes in flight are
 * made durable together ({@link io.tapeflow.transfer.GroupSync}), while the disk still sees only a few streams.
 */
final class OrderedPipeline implements AutoCloseable {

    /**
     * Files that may wait on their flush at once: the size of the groups a {@link io.tapeflow.transfer.GroupSync}
     * makes durable with one sync. Measured here on ext4, 100,000 files of 4-64 KiB synced in groups of 16:
     * 28.8 s, of 64: 15.5 s, of 1,000: 15.1 s (one fsync per file, 16 at once: 19.9 s).
     */
    static final int FLUSHING = 64;
    static final Duration WAIT_TICK = Duration.ofMillis(250);

    /** Told, in walk order, how each file went. */
    interface Completion {
        void done(int source, SourceEntry entry, FileTransfer.Outcome outcome);
    }

    /** The first step of a file's work (streaming); answers the second. */
    interface Work {
        Finish stream();
    }

    /** The second step of a file's work (flushing, naming, reporting); answers how the file went. */
    interface Finish {
        FileTransfer.Outcome finish();
    }

    private record Item(int source, SourceEntry entry, Future<FileTransfer.Outcome> outcome) {
    }

    private final int streams;
    private final ExecutorService streamers;
    private final ExecutorService flushers;
    private final Deque<Item> inFlight = new ArrayDeque<>();
    private final Completion completion;
    private final Runnable whileWaiting;

    /**
     * @param whileWaiting run on the caller's thread about every {@link #WAIT_TICK} while it waits for the head
     *                     of the queue (a large file): what must go on meanwhile, such as checkpoints
     */
    OrderedPipeline(int streams, String name, Completion completion, Runnable whileWaiting) {
        this.streams = streams;
        this.completion = completion;
        this.whileWaiting = whileWaiting;
        this.streamers = threads(streams, name + "-stream");
        this.flushers = threads(FLUSHING, name + "-flush");
    }

    private static ExecutorService threads(int count, String name) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues one file; completes the finished head of the queue, waiting while the queue is full. */
    void submit(int source, SourceEntry entry, Work work) {
        CompletableFuture<FileTransfer.Outcome> outcome = CompletableFuture.supplyAsync(work::stream, streamers)
                .thenApplyAsync(Finish::finish, flushers);
        inFlight.add(new Item(source, entry, outcome));
        while (!inFlight.isEmpty() && (inFlight.size() > maxInFlight() || inFlight.peek().outcome().isDone())) {
            completeHead();
        }
    }

    /** The most files queued and not completed at once: how far past its checkpoint an interrupted run may have got. */
    int maxInFlight() {
        return maxInFlight(streams);
    }

    static int maxInFlight(int streams) {
        return 2 * (streams + FLUSHING);
    }

    /** Completes every queued file, in order. */
    void drain() {
        while (!inFlight.isEmpty()) {
            completeHead();
        }
    }

    private void completeHead() {
        Item item = inFlight.poll();
        try {
            completion.done(item.source(), item.entry(), outcomeOf(item));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransferInterrupted interrupted) {
                awaitOthers();
                throw interrupted;
            }
            awaitOthers();
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a copy", e);
        }
    }

    private FileTransfer.Outcome outcomeOf(Item item) throws ExecutionException, InterruptedException {
        while (true) {
            try {
                return item.outcome().get(WAIT_TICK.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                whileWaiting.run();
            }
        }
    }

    /** Lets the other copies end (they see the same pause/stop); the next job recognises what they finished. */
    private void awaitOthers() {
        for (Item item : inFlight) {
            try {
                item.outcome().get();
            } catch (ExecutionException | InterruptedException ignored) {
                // interrupted or failed: nothing of it is at the destination under its final name
            }
        }
        inFlight.clear();
    }

    @Override
    public void close() {
        streamers.shutdownNow();
        flushers.shutdownNow();
    }
}
