package dev.jp.api.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The rendezvous' rule for valid secrets, on a clock the test moves. */
class SecretUsesTest {

    private static final Instant REQUESTED = Instant.parse("2026-11-21T11:40:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final MovableClock clock = new MovableClock(REQUESTED);
    private final SecretUses uses = new SecretUses(clock, LIFETIME);

    @Test
    void a_secret_nobody_used_works_until_its_lifetime_has_passed_since_the_request() {
        clock.set(REQUESTED.plus(LIFETIME).minusMillis(1));
        assertThat(uses.admits("s1", REQUESTED)).isTrue();

        clock.set(REQUESTED.plus(LIFETIME));
        assertThat(uses.admits("s1", REQUESTED)).isFalse();
        assertThat(uses.spend("s1", REQUESTED)).as("nor can a side that waited pair with it now").isFalse();
    }

    @Test
    void a_secret_that_paired_once_never_pairs_again() {
        clock.set(REQUESTED.plusSeconds(2));
        assertThat(uses.admits("s1", REQUESTED)).isTrue();
        assertThat(uses.spend("s1", REQUESTED)).isTrue();

        assertThat(uses.admits("s1", REQUESTED)).isFalse();
        assertThat(uses.spend("s1", REQUESTED)).isFalse();
        assertThat(uses.admits("s2", REQUESTED)).as("other dynos' secrets are untouched").isTrue();
    }

    @Test
    void a_spent_secret_stays_refused_after_it_is_forgotten() {
        clock.set(REQUESTED.plusSeconds(2));
        uses.spend("s1", REQUESTED);

        clock.set(REQUESTED.plus(LIFETIME).plusSeconds(1)); // the spent entry is dropped: the expiry refuses it now
        assertThat(uses.admits("s1", REQUESTED)).isFalse();
        assertThat(uses.admits("s3", REQUESTED.plusSeconds(60))).isTrue();
    }

    /** A clock that reads what the test set. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant at) {
            now = at;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
