package io.tapeflow.archive;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One database transaction run on a thread of its own, fed with steps while the caller goes on: the catalog rows of a
 * tape file are inserted while its bytes are still being written, and committed only once its mark is on tape. The
 * catalog never names an unconfirmed tape file, and the run no longer waits for all of a tape file's rows at its end.
 * <p>
 * Steps run in order, in the transaction. A failing step rolls the transaction back; the caller learns it at its next
 * {@link #add}, {@link #commit} or {@link #rollback}. Whoever opens one must end it (commit or rollback), or its thread
 * waits for steps forever, holding a connection.
 */
final class CatalogTransaction {

    /** Steps queued ahead of the database at most: the writer waits for the transaction beyond that, holding little. */
    private static final int QUEUED_STEPS = 16;
    private static final Runnable COMMIT = () -> { };
    private static final Runnable ROLLBACK = () -> { };

    private final BlockingQueue<Runnable> steps = new LinkedBlockingQueue<>(QUEUED_STEPS);
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private CatalogTransaction() {
    }

    /** Starts a transaction on a new thread named {@code threadName}. */
    static CatalogTransaction begin(TransactionOperations<Connection> transactions, String threadName) {
        CatalogTransaction transaction = new CatalogTransaction();
        Thread thread = new Thread(() -> transaction.run(transactions), threadName);
        thread.setDaemon(true);
        thread.start();
        return transaction;
    }

    private void run(TransactionOperations<Connection> transactions) {
        try {
            transactions.executeWrite(status -> {
                for (Runnable step = steps.take(); step != COMMIT; step = steps.take()) {
                    if (step == ROLLBACK) {
                        status.setRollbackOnly();
                        return null;
                    }
                    step.run();
                }
                return null;
            });
            ended.complete(null);
        } catch (Throwable e) {
            steps.clear();
            ended.completeExceptionally(e);
        }
    }

    /** Queues {@code step}; waits while the queue is full. Throws the failure of an earlier step, if one failed. */
    void add(Runnable step) {
        put(step);
    }

    /** Queues {@code last}, commits, and waits for the commit: answers once every step is durable, or throws why none is. */
    void commit(Runnable last) {
        put(last);
        put(COMMIT);
        await();
    }

    /** Ends the transaction without committing any of its steps; waits for that. Answers quietly if it failed already. */
    void rollback() {
        if (!ended.isDone()) {
            try {
                put(ROLLBACK);
            } catch (IllegalStateException e) {
                return;
            }
        }
        try {
            ended.get();
        } catch (ExecutionException e) {
            // ended without commit either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(Runnable step) {
        try {
            while (!steps.offer(step, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                failIfEnded();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing catalog rows", e);
        }
        failIfEnded();
    }

    private void failIfEnded() {
        if (ended.isCompletedExceptionally()) {
            await();
        }
    }

    private void await() {
        try {
            ended.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the catalog rows were being committed", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("catalog transaction failed: " + cause.getMessage(), cause);
        }
    }
}
