package dev.jp.logs.drains;

/** Delivers batches to one drain's endpoint. */
interface DrainSender extends AutoCloseable {

    /** How a batch ended. */
    enum Outcome {
        /** The endpoint took it. */
        DELIVERED,
        /** The endpoint refused it for good (4xx other than 429, or a redirect): dropped. */
        REJECTED,
        /** Every try failed (429, 5xx, timeout, no connection): dropped, and the drain backs off. */
        FAILED,
        /** The drain's host resolved to where drains may not go ({@link DrainDestinations}): dropped, backs off. */
        REFUSED
    }

    Outcome send(DrainBatch batch) throws InterruptedException;

    @Override
    void close();
}
