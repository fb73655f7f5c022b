package dev.jp.localstack;

import dev.jp.localstack.process.OutputSink;
import java.nio.file.Path;

/**
 * A separate JVM that starts a stack, prints the broker's pid and waits to be killed; the orphan
 * test kills it with SIGKILL and watches what its children do.
 */
public final class StackHolder {

    public static void main(String[] args) throws InterruptedException {
        LocalStack stack = LocalStack.start(LocalStackConfig.forTests(Path.of(args[0])), OutputSink.DISCARD);
        System.out.println("broker-pid " + stack.kafka().pid());
        System.out.flush();
        Thread.currentThread().join();
    }
}
