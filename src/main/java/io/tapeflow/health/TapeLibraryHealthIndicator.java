package io.tapeflow.health;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionOperations;
import io.tapeflow.library.Inventory;
import io.tapeflow.library.LibraryDrivers;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Each tape library, as its driver sees it: an online library whose robot answers an inventory is UP;
 * one that does not answer makes the service DEGRADED (runs needing it will fail). Libraries an admin
 * set offline are reported, not probed. A robot's answer is kept for {@code library-check-interval}.
 */
@Singleton
class TapeLibraryHealthIndicator extends BlockingHealthIndicator {

    private final TransactionOperations<Connection> transactions;
    private final JdbcOperations jdbc;
    private final LibraryDrivers drivers;
    private final Cache<Long, Probe> probes;

    TapeLibraryHealthIndicator(TransactionOperations<Connection> transactions, JdbcOperations jdbc, LibraryDrivers drivers,
                               HealthConfiguration config, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        super(blocking);
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.drivers = drivers;
        this.probes = Caffeine.newBuilder().expireAfterWrite(config.libraryCheckInterval()).build();
    }

    /** What the robot answered: its drives and slots, or why it did not. */
    private record Probe(int drives, int slots, String error) {
    }

    private record Library(long id, String name, String status) {
    }

    @Override
    String name() {
        return "tape_libraries";
    }

    @Override
    HealthResult check() {
        List<Library> libraries = transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT id, name, status FROM tape_library ORDER BY name", statement -> {
                    List<Library> found = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            found.add(new Library(rs.getLong(1), rs.getString(2), rs.getString(3)));
                        }
                    }
                    return found;
                }));
        HealthStatus overall = HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Library library : libraries) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("library_status", library.status());
            if ("online".equals(library.status())) {
                Probe probe = probes.get(library.id(), this::probe);
                if (probe.error() == null) {
                    detail.put("status", HealthStatus.UP.getName());
                    detail.put("drives", probe.drives());
                    detail.put("slots", probe.slots());
                } else {
                    detail.put("status", Health.DEGRADED.getName());
                    detail.put("error", probe.error());
                    overall = Health.DEGRADED;
                }
            } else {
                detail.put("status", HealthStatus.UP.getName());
            }
            details.put(library.name(), detail);
        }
        return HealthResult.builder(name(), overall).details(details).build();
    }

    private Probe probe(long libraryId) {
        try {
            Inventory inventory = drivers.driver(libraryId).inventory();
            return new Probe(inventory.drives().size(), inventory.slots().size(), null);
        } catch (Exception e) {
            return new Probe(0, 0, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}
