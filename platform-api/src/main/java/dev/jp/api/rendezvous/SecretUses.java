package dev.jp.api.rendezvous;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the rendezvous lets a valid secret do: pair its client and dyno once, within
 * {@code lifetime} of the one-off's request. A secret that brought a pair together is spent, so a
 * copy of an {@code attach_url} (a shell history, a log, a screen share) opens nothing later; one
 * nobody used in time is refused, so neither does an old one. Spent secrets are remembered only
 * until they expire, after which the expiry refuses them anyway: the memory is bounded by the
 * attached one-offs of one lifetime.
 */
final class SecretUses {

    private final Clock clock;
    private final Duration lifetime;
    /** Spent secrets, with when they expire. */
    private final Map<String, Instant> spent = new ConcurrentHashMap<>();

    SecretUses(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** Whether a side presenting this (verified) secret may wait for its partner. */
    boolean admits(String secret, Instant issuedAt) {
        Instant now = clock.instant();
        spent.values().removeIf(expiry -> !now.isBefore(expiry));
        return now.isBefore(issuedAt.plus(lifetime)) && !spent.containsKey(secret);
    }

    /**
     * Spends the secret as its two sides pair; false if it was spent already (or expired meanwhile),
     * and then they must not pair.
     */
    boolean spend(String secret, Instant issuedAt) {
        Instant expiry = issuedAt.plus(lifetime);
        return clock.instant().isBefore(expiry) && spent.putIfAbsent(secret, expiry) == null;
    }
}
