package io.tapeflow.execution;

import io.tapeflow.transfer.SourceEntry;
import io.tapeflow.transfer.TransferInterrupted;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies several files at once (small files are bound by latency, not bandwidth) while completing
 * them strictly in walk order, so the checkpoint only ever covers a gap-free prefix of the walk.
 */
final class OrderedPipeline implements AutoCloseable {

    /** Told, in walk order, how each file went. */
    interface Completion {
        void done(int source, SourceEntry entry, FileTransfer.Outcome outcome);
    }

    private record Item(int source, SourceEntry entry, Future<FileTransfer.Outcome> outcome) {
    }

    private final int parallelism;
    private final ExecutorService workers;
    private final Deque<Item> inFlight = new ArrayDeque<>();
    private final Completion completion;

    OrderedPipeline(int parallelism, String name, Completion completion) {
        this.parallelism = parallelism;
        this.completion = completion;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues one file; completes the finished head of the queue, waiting while the queue is full. */
    void submit(int source, SourceEntry entry, Callable<FileTransfer.Outcome> work) {
        inFlight.add(new Item(source, entry, workers.submit(work)));
        while (!inFlight.isEmpty() && (inFlight.size() > parallelism * 2 || inFlight.peek().outcome().isDone())) {
            completeHead();
        }
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
            completion.done(item.source(), item.entry(), item.outcome().get());
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
        workers.shutdownNow();
    }
}
