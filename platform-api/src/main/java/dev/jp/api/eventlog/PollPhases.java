package dev.jp.api.eventlog;

/**
 * Where a replay's time goes: emptying the tables; then, poll by poll, waiting in {@code poll}; in
 * the projection transaction, decoding the records, reading the rows the poll needs, folding it in
 * memory, inserting the append-only rows (native statements), staging the other rows in the
 * session, and the flush and commit; then telling waiters and publishing; at the end, publishing
 * every app's desired dynos. Logged when a rebuild ends, so a slow rebuild says which phase to look
 * at. The projector thread's own.
 */
final class PollPhases {

    private long clear;
    private long polls;
    private long records;
    private long poll;
    private long decode;
    private long read;
    private long fold;
    private long append;
    private long stage;
    private long transaction;
    private long after;
    private long reconcile;

    void cleared(long nanos) {
        clear += nanos;
    }

    void polled(long nanos, int count) {
        polls++;
        records += count;
        poll += nanos;
    }

    void decode(long nanos) {
        decode += nanos;
    }

    void read(long nanos) {
        read += nanos;
    }

    void fold(long nanos) {
        fold += nanos;
    }

    void append(long nanos) {
        append += nanos;
    }

    void stage(long nanos) {
        stage += nanos;
    }

    void transaction(long nanos) {
        transaction += nanos;
    }

    void after(long nanos) {
        after += nanos;
    }

    void reconciled(long nanos) {
        reconcile += nanos;
    }

    /** The phases of a replay that took this long; what no phase accounts for is the loop's own (end offsets, hand-offs). */
    String describe(java.time.Duration took) {
        long other = took.toNanos() - clear - poll - transaction - after - reconcile;
        return String.format("clearing the tables %d ms; %d polls, %.0f records each; poll %d ms; transaction %d ms (decode %d, "
                        + "read %d, fold %d, append-only inserts %d, stage %d, flush and commit %d); outcomes and publishing %d ms; "
                        + "reconciling the desired dynos of every app %d ms; other %d ms",
                ms(clear), polls, polls == 0 ? 0.0 : (double) records / polls, ms(poll), ms(transaction), ms(decode), ms(read), ms(fold),
                ms(append), ms(stage), ms(transaction - decode - read - fold - append - stage), ms(after), ms(reconcile),
                ms(other));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
