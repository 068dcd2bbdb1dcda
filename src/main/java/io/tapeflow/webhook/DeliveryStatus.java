package io.tapeflow.webhook;

/**
 * Where a delivery stands; the job statuses of the API (DESIGN §2), since a delivery is a job:
 * queued (waiting for its first attempt or a retry), working (being sent), completed (the receiver
 * answered 2xx), failed (every attempt failed, or the webhook was deactivated). Wire values.
 */
public enum DeliveryStatus {
    queued, working, completed, failed
}
