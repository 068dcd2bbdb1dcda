package io.tapeflow.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.list.ListPage;

import java.util.List;

@Serdeable
public record ExecutionList(long count, List<ExecutionView> taskExecutions,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    static ExecutionList of(ListPage<Execution> page) {
        return new ExecutionList(page.count(), page.rows().stream().map(ExecutionView::of).toList(), page.nextCursor());
    }
}
