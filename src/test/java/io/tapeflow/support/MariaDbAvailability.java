package io.tapeflow.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips database tests in the MariaDB run when no server answers, and says so, unless
 * TAPEFLOW_TEST_MARIADB=required (as CI sets it): then a missing server fails the run.
 */
public class MariaDbAvailability implements ExecutionCondition {

    private static volatile String unavailable;
    private static volatile boolean checked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.isMariaDb()) {
            return ConditionEvaluationResult.enabled("H2");
        }
        return onMariaDb();
    }

    /** The same rule for tests that use the MariaDB server in every run (the multi-node ITs). */
    public static class Always implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return onMariaDb();
        }
    }

    private static ConditionEvaluationResult onMariaDb() {
        String reason = check();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("MariaDB is reachable");
        }
        if ("required".equals(System.getenv("TAPEFLOW_TEST_MARIADB"))) {
            throw new IllegalStateException("TAPEFLOW_TEST_MARIADB=required but " + reason);
        }
        return ConditionEvaluationResult.disabled("MariaDB tests skipped: " + reason);
    }

    private static synchronized String check() {
        if (!checked) {
            try {
                TestDatabase.execute("SELECT 1");
            } catch (RuntimeException e) {
                unavailable = "no MariaDB server reachable (" + e.getMessage() + ")";
                System.err.println("*** MariaDB tests skipped: " + unavailable
                        + ". Start MariaDB on 127.0.0.1:3306 to run them; CI requires them. ***");
            }
            checked = true;
        }
        return unavailable;
    }
}
