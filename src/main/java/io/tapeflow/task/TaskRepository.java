package io.tapeflow.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface TaskRepository extends CrudRepository<Task, Long> {

    List<Long> findIdByName(String name);

    List<Long> findIdByNameAndOwnerId(String name, long ownerId);

    long countByOwnerId(long ownerId);

    /** Writes only the owner's fields, so a concurrent run's progress is never overwritten by an edit. */
    void update(@Id Long id, String name, @Nullable String comment, WorkflowType workflowType,
                WorkflowAction workflowAction, @Nullable EndpointType sourceType,
                @Nullable EndpointType destinationType, int priority, ConflictResolution conflictResolution,
                boolean activate, @Nullable Long bandwidthLimit, boolean confirmErase, Instant modificationDate,
                String modificationUsername);
}
