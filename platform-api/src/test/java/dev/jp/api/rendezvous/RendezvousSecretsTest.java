package dev.jp.api.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RendezvousSecretsTest {

    private static final Instant REQUESTED = Instant.parse("2026-11-21T11:40:02Z");

    private final RendezvousSecrets secrets = RendezvousSecrets.derivedFrom("key-one");

    @Test
    void a_secret_names_the_dyno_and_its_request_time_and_verifies_with_the_key_that_issued_it() {
        String secret = secrets.issue("app-id", "run.1", REQUESTED);

        assertThat(secret).startsWith(RendezvousSecrets.dynoId("app-id", "run.1") + "." + REQUESTED.getEpochSecond() + ".");
        assertThat(secrets.verify(secret)).isTrue();
        assertThat(secrets.issuedAt(secret)).contains(REQUESTED);
        assertThat(RendezvousSecrets.derivedFrom("key-one").verify(secret)).as("stateless: any process with the key").isTrue();
        assertThat(secrets.issue("app-id", "run.1", REQUESTED)).as("the answer and the desired dyno agree").isEqualTo(secret);
    }

    @Test
    void refuses_other_keys_other_dynos_other_times_edits_and_junk() {
        String secret = secrets.issue("app-id", "run.1", REQUESTED);
        String otherDyno = RendezvousSecrets.dynoId("app-id", "run.2") + secret.substring(secret.indexOf('.'));
        String otherTime = secret.replace("." + REQUESTED.getEpochSecond() + ".", "." + (REQUESTED.getEpochSecond() + 3600) + ".");

        assertThat(RendezvousSecrets.derivedFrom("key-two").verify(secret)).isFalse();
        assertThat(RendezvousSecrets.random().verify(secret)).isFalse();
        assertThat(secrets.verify(otherDyno)).isFalse();
        assertThat(secrets.verify(otherTime)).as("a later time cannot be written in").isFalse();
        assertThat(secrets.verify(secret + "A")).isFalse();
        for (String junk : new String[] {null, "", ".", "..", "abc", "abc.", "abc..x", "abc.1.!!!", secret.substring(0, secret.length() - 1)}) {
            assertThat(secrets.verify(junk)).as(String.valueOf(junk)).isFalse();
        }
    }

    @Test
    void differs_per_app_and_per_request_for_the_same_dyno_name() {
        assertThat(secrets.issue("app-a", "run.1", REQUESTED)).isNotEqualTo(secrets.issue("app-b", "run.1", REQUESTED));
        assertThat(secrets.issue("app-a", "run.1", REQUESTED)).isNotEqualTo(secrets.issue("app-a", "run.1", REQUESTED.plusSeconds(1)));
    }
}
