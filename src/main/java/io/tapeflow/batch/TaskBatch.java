package io.tapeflow.batch;

import io.tapeflow.action.ActionService;
import io.tapeflow.api.ApiException;
import io.tapeflow.security.Caller;
import io.tapeflow.task.TaskAction;
import io.tapeflow.task.TaskService;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One action or deletion on many tasks, each through the same path as the single-task endpoint and in
 * its own transaction: one task's failure (unknown, someone else's, in the wrong state) is that task's
 * error and never undoes or stops the others.
 */
@Singleton
public class TaskBatch {

    private static final Logger LOG = LoggerFactory.getLogger(TaskBatch.class);

    private final TaskService tasks;
    private final ActionService actions;

    public TaskBatch(TaskService tasks, ActionService actions) {
        this.tasks = tasks;
        this.actions = actions;
    }

    public BatchActionResult act(List<String> ids, TaskAction action, Caller caller) {
        Map<String, String> jobIds = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String id : ids) {
            each(id, errors, () -> jobIds.put(id, actions.request(tasks.find(id, caller), action).jobId()));
        }
        return new BatchActionResult(jobIds, errors);
    }

    public BatchDeleteResult delete(List<String> ids, Caller caller) {
        List<String> deleted = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String id : ids) {
            each(id, errors, () -> {
                tasks.delete(tasks.find(id, caller));
                deleted.add(id);
            });
        }
        return new BatchDeleteResult(deleted, errors);
    }

    /** Runs one id's work; what goes wrong becomes that id's error. */
    private static void each(String id, Map<String, String> errors, Runnable work) {
        try {
            work.run();
        } catch (ApiException e) {
            errors.put(id, e.getMessage());
        } catch (RuntimeException e) {
            // Answering 500 would hide the ids already done; this one failed, the others still get their turn.
            LOG.error("batch: task {} failed", id, e);
            errors.put(id, "internal error: " + e.getMessage());
        }
    }
}
