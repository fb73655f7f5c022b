import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's crasher: exits with status 1 after $CRASH_AFTER seconds (default 5), or at once
 * when the file named by $CRASH_FILE (default /tmp/jp-demo-crash) exists, to watch jp restart it.
 */
public class Crasher {
    public static void main(String[] args) throws InterruptedException {
        int after = Integer.parseInt(System.getenv().getOrDefault("CRASH_AFTER", "5"));
        Path trigger = Path.of(System.getenv().getOrDefault("CRASH_FILE", "/tmp/jp-demo-crash"));
        System.out.println("crasher up; exiting with status 1 in " + after + "s (or when " + trigger + " exists)");
        for (int i = 0; i < after * 10 && !Files.exists(trigger); i++) {
            Thread.sleep(100);
        }
        System.out.println("crasher exiting with status 1");
        System.exit(1);
    }
}
