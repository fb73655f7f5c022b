package dev.jp.cli;

/**
 * The jar's entry point. Not {@link Main} itself: to find {@code main} the Java launcher asks
 * the class for its public methods, which loads every type named in every method signature, and
 * Main's name picocli's CommandLine, whose loading a {@code jp ps} that never uses picocli
 * ({@link PsFastPath}) would otherwise pay for.
 */
public final class Start {

    private Start() {
    }

    public static void main(String[] args) {
        System.exit(Main.run(Context.system(), args));
    }
}
