package io.tapeflow.health;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** /health turns DOWN (503) once Tapeflow's database is gone: H2 shut down, or the MariaDB database dropped. */
@MicronautTest(transactional = false)
class HealthWhenDatabaseIsGoneTest extends ApiTestSupport {

    @Inject
    DataSource dataSource;

    @Test
    void healthIsDownWhenTheDatabaseIsUnreachable() throws Exception {
        assertEquals(200, get("/health", Auth.NONE).status());

        Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        try (Statement statement = connection.createStatement()) {
            if (TestDatabase.isMariaDb()) {
                try (ResultSet rs = statement.executeQuery("SELECT DATABASE()")) {
                    rs.next();
                    statement.execute("DROP DATABASE " + rs.getString(1));
                }
            } else {
                statement.execute("SHUTDOWN");
            }
        } finally {
            try {
                connection.close();
            } catch (SQLException closedWithTheDatabase) {
                // H2 closed it already
            }
        }
        ApiResponse health = get("/health", Auth.NONE);

        assertEquals(503, health.status(), health.raw());
        assertEquals("DOWN", health.get("status"));
        @SuppressWarnings("unchecked")
        Map<String, Object> database = (Map<String, Object>) ((Map<String, Object>) health.get("details")).get("database");
        assertEquals("DOWN", database.get("status"), health.raw());
    }
}
