package dev.jp.logs.drains;

import dev.jp.events.logplex.LogplexFrame;
import java.util.List;

/**
 * What a drain sends in one go: the frames (an L10 notice first, when lines were lost), the id
 * that stays the same across retries of it, and the offset after its last line, to commit once it
 * is done with (delivered, or given up on).
 */
record DrainBatch(String frameId, List<LogplexFrame> frames, long nextOffset, int lines) {
}
