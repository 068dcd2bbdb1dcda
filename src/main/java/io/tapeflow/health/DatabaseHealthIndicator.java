package io.tapeflow.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Whether Tapeflow's own schema answers, not just a database server (a server whose Tapeflow database
 * was dropped or restored empty still validates connections): DOWN when it does not, with the schema
 * version when it does.
 */
@Singleton
class DatabaseHealthIndicator extends BlockingHealthIndicator {

    private static final int TIMEOUT_SECONDS = 5;
    private final DataSource dataSource;

    DatabaseHealthIndicator(DataSource dataSource, DataSourceResolver resolver, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        super(blocking);
        // The pool itself, outside Micronaut's transactions: a check must not join or need one.
        this.dataSource = resolver.resolve(dataSource);
    }

    @Override
    String name() {
        return "database";
    }

    @Override
    HealthStatus failure() {
        return HealthStatus.DOWN;
    }

    @Override
    HealthResult check() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet rs = statement.executeQuery(
                    "SELECT version FROM flyway_schema_history WHERE success = TRUE ORDER BY installed_rank DESC LIMIT 1")) {
                if (!rs.next()) {
                    return HealthResult.builder(name(), HealthStatus.DOWN).details(Map.of("error", "the schema was never migrated")).build();
                }
                return HealthResult.builder(name(), HealthStatus.UP).details(Map.of("schema_version", rs.getString(1))).build();
            }
        } catch (SQLException e) {
            return HealthResult.builder(name(), HealthStatus.DOWN).details(Map.of("error", String.valueOf(e.getMessage()))).build();
        }
    }
}
