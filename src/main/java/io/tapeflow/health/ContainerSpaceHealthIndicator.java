package io.tapeflow.health;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Free space of the containers tasks write to: one with less than {@code container-min-free} free, or
 * whose directory is gone, makes the service DEGRADED (runs writing there will fail). Paths are not
 * shown: the health endpoint answers without credentials.
 */
@Singleton
class ContainerSpaceHealthIndicator extends BlockingHealthIndicator {

    private final TransactionOperations<Connection> transactions;
    private final JdbcOperations jdbc;
    private final long minFree;

    ContainerSpaceHealthIndicator(TransactionOperations<Connection> transactions, JdbcOperations jdbc, HealthConfiguration config,
                                  @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        super(blocking);
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.minFree = config.containerMinFree();
    }

    private record Destination(String name, String path) {
    }

    @Override
    String name() {
        return "containers";
    }

    @Override
    HealthResult check() {
        List<Destination> destinations = transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT c.name, c.path FROM container c WHERE EXISTS (SELECT 1 FROM task_destination d WHERE d.container_id = c.id) "
                        + "ORDER BY c.name", statement -> {
                    List<Destination> found = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            found.add(new Destination(rs.getString(1), rs.getString(2)));
                        }
                    }
                    return found;
                }));
        HealthStatus overall = HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("min_free", minFree);
        for (Destination destination : destinations) {
            Map<String, Object> detail = new LinkedHashMap<>();
            try {
                Path root = Path.of(destination.path());
                if (!Files.isDirectory(root)) {
                    throw new IOException("its directory is missing");
                }
                long free = Files.getFileStore(root).getUsableSpace();
                detail.put("free", free);
                boolean low = free < minFree;
                detail.put("status", (low ? Health.DEGRADED : HealthStatus.UP).getName());
                if (low) {
                    detail.put("error", "less than " + minFree + " bytes free");
                    overall = Health.DEGRADED;
                }
            } catch (IOException | RuntimeException e) {
                detail.put("status", Health.DEGRADED.getName());
                detail.put("error", "cannot be written to: " + e.getMessage());
                overall = Health.DEGRADED;
            }
            details.put(destination.name(), detail);
        }
        return HealthResult.builder(name(), overall).details(details).build();
    }
}
