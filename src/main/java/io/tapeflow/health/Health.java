package io.tapeflow.health;

import io.micronaut.health.HealthStatus;

/**
 * The states Tapeflow's health reports. UP: all is well. DEGRADED (HTTP 200): the service works, but
 * part of it needs an operator (a library does not answer, a destination is nearly full), so some runs
 * will fail or wait. DOWN (HTTP 503): this node cannot work (database unreachable, job server stopped).
 * UNKNOWN: a check could not tell (its data could not be read).
 */
final class Health {

    /** Between UP and DOWN: Micronaut orders statuses without an operational flag by severity. */
    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED", "works, but part of it needs an operator", null, 500);

    private Health() {
    }
}
