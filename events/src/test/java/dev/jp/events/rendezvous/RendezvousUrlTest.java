package dev.jp.events.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RendezvousUrlTest {

    @Test
    void reads_and_writes_host_port_and_secret() {
        RendezvousUrl url = RendezvousUrl.parse("rendezvous://127.0.0.1:5102/abc.DEF-_");

        assertThat(url).isEqualTo(new RendezvousUrl("127.0.0.1", 5102, "abc.DEF-_"));
        assertThat(url.toString()).isEqualTo("rendezvous://127.0.0.1:5102/abc.DEF-_");
    }

    @Test
    void refuses_other_urls_without_repeating_them() {
        for (String bad : new String[] {"https://h:1/s3cr3t", "rendezvous://h/s3cr3t", "rendezvous://h:1/", "rendezvous://h:1/a/s3cr3t"}) {
            assertThatThrownBy(() -> RendezvousUrl.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .message().doesNotContain("s3cr3t");
        }
    }

    @Test
    void names_hosts_as_ip_or_dns_in_the_certificate() {
        assertThat(RendezvousCertificate.subjectAlternativeNames(java.util.List.of("10.0.0.7", "jp.example.com", "127.0.0.1")))
                .isEqualTo("ip:127.0.0.1,dns:localhost,ip:10.0.0.7,dns:jp.example.com");
    }
}
