import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The demo's web process: answers every request on $PORT and logs it, as a router's access line would. */
public class Web {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "5000"));
        String greeting = System.getenv().getOrDefault("GREETING", "Hello from jp");
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", exchange -> {
            byte[] body = (greeting + " (" + System.getenv().getOrDefault("DYNO", "web") + ", " + Instant.now() + ")\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            System.out.println(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " 200 " + body.length + " bytes");
        });
        server.start();
        System.out.println("listening on port " + port);
    }
}
