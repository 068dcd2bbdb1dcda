package io.tapeflow.webhook;

/**
 * Where a delivery stands, in the API's job statuses (a delivery is carried out by a job):
 * queued (waiting for its first attempt or a retry), working (being sent), completed (the receiver
 * answered 2xx), failed (every attempt failed, or the webhook was deactivated). Wire values.
 */
public enum DeliveryStatus {
    queued, working, completed, failed
}
