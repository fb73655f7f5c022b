package dev.jp.runner.dynos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListeningPortsTest {

    @Test
    void finds_a_listening_port_and_not_a_closed_one() throws Exception {
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = listening.getLocalPort();

            assertThat(ListeningPorts.among(Set.of(port, closed))).containsExactly(port);
        }
    }

    @Test
    void finds_a_port_listened_on_every_address() throws Exception {
        try (ServerSocket listening = new ServerSocket()) {
            listening.bind(new InetSocketAddress(0));
            int port = listening.getLocalPort();

            assertThat(ListeningPorts.among(Set.of(port))).containsExactly(port);
        }
    }
}
