package io.tapeflow.archive;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.tapeflow.catalog.CatalogStore;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.TestSql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Catalog rows written on a thread of their own, committed together or not at all (H2, and MariaDB in the second execution). */
@MicronautTest(transactional = false)
class CatalogTransactionTest extends ApiTestSupport {

    private static final Instant MTIME = Instant.parse("2024-05-06T07:08:09Z");

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    CatalogStore catalog;

    @Inject
    DataSource dataSource;

    @Test
    void stepsAreInvisibleUntilTheCommitThenAllThere() throws Exception {
        long execution = 9101;
        CatalogTransaction rows = CatalogTransaction.begin(transactions, "test-rows");
        CountDownLatch written = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            int n = i;
            rows.add(() -> {
                catalog.addFile("/tx/" + n, n, MTIME, "c" + n, "xxhash64", 1, execution);
                written.countDown();
            });
        }
        assertTrue(written.await(30, TimeUnit.SECONDS), "the transaction's thread ran the steps");
        assertEquals(0, files(execution), "another connection sees none of the rows before the commit");

        rows.commit(() -> catalog.addFile("/tx/last", 9, MTIME, "c9", "xxhash64", 1, execution));

        assertEquals(4, files(execution));
    }

    @Test
    void aFailingStepRollsBackEveryStepAndTheCommitThrowsWhy() {
        long execution = 9102;
        CatalogTransaction rows = CatalogTransaction.begin(transactions, "test-rows");
        rows.add(() -> catalog.addFile("/tx/kept-for-now", 1, MTIME, "c", "xxhash64", 1, execution));

        // why: the failure reaches the caller at its next call, which may be the very add that queued the failing step
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            rows.add(() -> {
                throw new IllegalStateException("the database refused the rows");
            });
            rows.commit(() -> catalog.addFile("/tx/never", 1, MTIME, "c", "xxhash64", 1, execution));
        });

        assertEquals("the database refused the rows", thrown.getMessage());
        assertEquals(0, files(execution));
        rows.rollback(); // after a failure: quiet, nothing to undo
    }

    @Test
    void aRollbackLeavesNothing() {
        long execution = 9103;
        CatalogTransaction rows = CatalogTransaction.begin(transactions, "test-rows");
        rows.add(() -> catalog.addFile("/tx/rolled-back", 1, MTIME, "c", "xxhash64", 1, execution));

        rows.rollback();

        assertEquals(0, files(execution));
    }

    private long files(long execution) {
        return new TestSql(dataSource).number("SELECT COUNT(*) FROM catalog_file WHERE execution_id = ?", execution);
    }
}
