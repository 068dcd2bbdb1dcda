package io.tapeflow.persistence;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.TestDatabase;
import io.tapeflow.support.TestSql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The migrations a fresh database gets, SQL and Java alike (H2, and MariaDB in the second Surefire execution). */
@MicronautTest(transactional = false)
class MigrationsTest extends ApiTestSupport {

    @Inject
    DataSource dataSource;

    @Test
    void everyMigrationRanInOrderWithoutAGap() {
        List<String> versions = new TestSql(dataSource).strings(
                "SELECT version FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL ORDER BY installed_rank");

        assertEquals(IntStream.rangeClosed(1, 14).mapToObj(String::valueOf).toList(), versions);
    }

    @Test
    void onH2TheTablesTakingARowPerArchivedFileCacheTenThousandIds() {
        if (TestDatabase.isMariaDb()) {
            return; // MariaDB's AUTO_INCREMENT has no cache to set: the migration leaves it alone
        }
        List<String> caches = new TestSql(dataSource).strings("SELECT identity_cache FROM information_schema.columns WHERE column_name = 'id' "
                + "AND table_name IN ('catalog_file', 'catalog_copy', 'task_execution_log') ORDER BY table_name");

        assertEquals(List.of("10000", "10000", "10000"), caches);
    }
}
