package dev.jp.api.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RendezvousSecretsTest {

    private final RendezvousSecrets secrets = RendezvousSecrets.derivedFrom("key-one");

    @Test
    void a_secret_names_the_dyno_and_verifies_with_the_key_that_issued_it() {
        String secret = secrets.issue("app-id", "run.1");

        assertThat(secret).startsWith(RendezvousSecrets.dynoId("app-id", "run.1") + ".");
        assertThat(secrets.verify(secret)).isTrue();
        assertThat(RendezvousSecrets.derivedFrom("key-one").verify(secret)).as("stateless: any process with the key").isTrue();
    }

    @Test
    void refuses_other_keys_other_dynos_edits_and_junk() {
        String secret = secrets.issue("app-id", "run.1");
        String otherDyno = RendezvousSecrets.dynoId("app-id", "run.2") + secret.substring(secret.indexOf('.'));

        assertThat(RendezvousSecrets.derivedFrom("key-two").verify(secret)).isFalse();
        assertThat(RendezvousSecrets.random().verify(secret)).isFalse();
        assertThat(secrets.verify(otherDyno)).isFalse();
        assertThat(secrets.verify(secret + "A")).isFalse();
        for (String junk : new String[] {null, "", ".", "abc", "abc.", "abc.!!!", secret.substring(0, secret.length() - 1)}) {
            assertThat(secrets.verify(junk)).as(String.valueOf(junk)).isFalse();
        }
    }

    @Test
    void differs_per_app_for_the_same_dyno_name() {
        assertThat(secrets.issue("app-a", "run.1")).isNotEqualTo(secrets.issue("app-b", "run.1"));
    }
}
