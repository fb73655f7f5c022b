import java.time.Instant;

/** The demo's clock: a tick a minute, as a scheduler process would. */
public class Clock {
    public static void main(String[] args) throws InterruptedException {
        while (true) {
            System.out.println("clock tick at " + Instant.now());
            Thread.sleep(60_000);
        }
    }
}
