package dev.jp.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The answers PlainHttpGet reads itself, and the ones it leaves to HttpURLConnection. */
class PlainHttpGetTest {

    private static Optional<PlainHttpGet.Answer> read(String answer) throws IOException {
        return PlainHttpGet.read(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_body_with_its_length() throws IOException {
        PlainHttpGet.Answer answer = read("HTTP/1.1 206 Partial Content\r\nContent-Length: 7\r\nNext-Range: ]v3..; max=1\r\n\r\n[1,2,3]").orElseThrow();
        assertThat(answer.status()).isEqualTo(206);
        assertThat(answer.headers()).containsEntry("next-range", "]v3..; max=1");
        assertThat(answer.body()).isEqualTo("[1,2,3]");
    }

    @Test
    void a_chunked_body() throws IOException {
        PlainHttpGet.Answer answer = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3;x=y\r\n:1}\r\n0\r\n\r\n").orElseThrow();
        assertThat(answer.body()).isEqualTo("{\"a\":1}");
    }

    @Test
    void a_body_up_to_the_end_of_the_connection() throws IOException {
        assertThat(read("HTTP/1.0 404 Not Found\r\n\r\n{\"id\":\"not_found\"}").orElseThrow().body()).isEqualTo("{\"id\":\"not_found\"}");
    }

    @Test
    void a_redirect_or_an_unknown_framing_is_left_to_http_url_connection() throws IOException {
        assertThat(read("HTTP/1.1 301 Moved\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n")).isEmpty();
        assertThat(read("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n")).isEmpty();
    }

    @Test
    void an_answer_cut_short_is_an_error() {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n[1,")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Le")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("SSH-2.0-OpenSSH\r\n\r\n")).isInstanceOf(IOException.class);
    }

    @Test
    void only_plain_http_without_a_proxy_is_taken() {
        assertThat(PlainHttpGet.takes(URI.create("http://127.0.0.1:8080/apps"))).isTrue();
        assertThat(PlainHttpGet.takes(URI.create("https://api.example.com/apps"))).isFalse();
        assertThat(PlainHttpGet.takes(URI.create("http://user:pw@127.0.0.1/apps"))).isFalse();
    }
}
