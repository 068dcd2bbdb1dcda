package io.tapeflow.webhook;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.list.Attribute;
import io.tapeflow.list.ListExecutor;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListSchema;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.persistence.DbTime;
import io.tapeflow.persistence.Sql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The deliveries' rows: queued when an event happens, then one write per attempt and its outcome. */
@Singleton
class DeliveryStore {

    static final ListSchema SCHEMA = ListSchema.of("deliveries", "webhook_delivery", List.of(
            Attribute.integer("id", "id"),
            Attribute.enumeration("event", "event", WebhookEventType.class),
            Attribute.enumeration("status", "status", DeliveryStatus.class),
            Attribute.integer("attempts", "attempts"),
            Attribute.integer("status_code", "status_code"),
            Attribute.text("last_error", "last_error"),
            Attribute.text("job_id", "job_id"),
            Attribute.instant("creation_date", "creation_date"),
            Attribute.instant("last_attempt_date", "last_attempt_date"),
            Attribute.instant("completed_date", "completed_date")));
    private static final int MAX_ERROR = 2000;

    private final JdbcOperations jdbc;
    private final ListExecutor lists;

    DeliveryStore(JdbcOperations jdbc, ListExecutor lists) {
        this.jdbc = jdbc;
        this.lists = lists;
    }

    /** What one attempt needs: where to send what, signed with which key. */
    record Attempt(long deliveryId, WebhookEventType event, String payload, int attempt, String url, String secret, boolean active) {
    }

    /** A new delivery, waiting for its first attempt by job {@code jobId}. */
    @Transactional
    public long queue(long webhookId, WebhookEventType event, String payload, String jobId) {
        return Sql.insert(jdbc, "INSERT INTO webhook_delivery (webhook_id, event, payload, status, attempts, job_id, creation_date) "
                + "VALUES (?, ?, ?, ?, 0, ?, ?)", webhookId, event.name(), payload, DeliveryStatus.queued.name(), jobId, DbTime.now());
    }

    /**
     * Counts one more attempt and answers what to send; empty when the delivery is over (completed,
     * given up, or its webhook deleted), so a job run twice never sends twice.
     */
    @Transactional
    public Optional<Attempt> begin(long deliveryId) {
        int started = Sql.update(jdbc, "UPDATE webhook_delivery SET status = ?, attempts = attempts + 1, last_attempt_date = ? "
                + "WHERE id = ? AND status IN (?, ?)", DeliveryStatus.working.name(), DbTime.now(), deliveryId,
                DeliveryStatus.queued.name(), DeliveryStatus.working.name());
        if (started == 0) {
            return Optional.empty();
        }
        return jdbc.prepareStatement("SELECT d.event, d.payload, d.attempts, w.url, w.secret, w.active FROM webhook_delivery d "
                + "JOIN webhook w ON w.id = d.webhook_id WHERE d.id = ?", statement -> {
            statement.setLong(1, deliveryId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new Attempt(deliveryId, WebhookEventType.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getInt(3), rs.getString(4), rs.getString(5), rs.getBoolean(6))) : Optional.empty();
            }
        });
    }

    /** The next attempt is another job's (this node was busy sending others); nothing else changes. */
    @Transactional
    public void handOver(long deliveryId, String jobId) {
        Sql.update(jdbc, "UPDATE webhook_delivery SET job_id = ? WHERE id = ?", jobId, deliveryId);
    }

    @Transactional
    public void completed(long deliveryId, int statusCode) {
        Sql.update(jdbc, "UPDATE webhook_delivery SET status = ?, status_code = ?, completed_date = ? WHERE id = ?",
                DeliveryStatus.completed.name(), statusCode, DbTime.now(), deliveryId);
    }

    /** Records a failed attempt: queued again for a retry, or failed for good when {@code last}. */
    @Transactional
    public void failed(long deliveryId, Integer statusCode, String error, boolean last) {
        String why = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        Sql.update(jdbc, "UPDATE webhook_delivery SET status = ?, status_code = ?, last_error = ?, "
                        + "completed_date = ? WHERE id = ?", (last ? DeliveryStatus.failed : DeliveryStatus.queued).name(), statusCode, why,
                last ? DbTime.now() : null, deliveryId);
    }

    /** Forgets deliveries that ended (completed or given up) before {@code before}; answers how many. */
    @Transactional
    public int prune(Instant before) {
        return Sql.update(jdbc, "DELETE FROM webhook_delivery WHERE creation_date < ? AND status IN (?, ?)", before,
                DeliveryStatus.completed.name(), DeliveryStatus.failed.name());
    }

    @ReadOnly
    public DeliveryList list(long webhookId, ListQuery query) {
        var page = lists.fetch(SCHEMA, "*", query, SqlFragment.of("webhook_id = ?", webhookId), Delivery.class);
        return new DeliveryList(page.count(), page.rows().stream().map(DeliveryView::of).toList(), page.nextCursor());
    }
}
