package io.tapeflow.execution;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.tapeflow.task.TaskStatus;

import java.util.Collection;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface ExecutionRepository extends CrudRepository<Execution, Long> {

    /** The task's latest execution. */
    Optional<Execution> findFirstByTaskIdOrderByIdDesc(long taskId);

    boolean existsByTaskIdAndStatusIn(long taskId, Collection<TaskStatus> statuses);
}
