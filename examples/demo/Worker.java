/** The demo's worker: a line a second, so jp logs --tail has something to follow. */
public class Worker {
    public static void main(String[] args) throws InterruptedException {
        for (long n = 1; ; n++) {
            System.out.println("worker tick " + n);
            Thread.sleep(1000);
        }
    }
}
