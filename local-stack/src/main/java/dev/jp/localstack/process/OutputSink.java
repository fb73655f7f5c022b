package dev.jp.localstack.process;

/** Where the lines a child process prints go: a Foreman-style console, a log file, or nowhere. */
@FunctionalInterface
public interface OutputSink {

    /** One line of a child's merged stdout and stderr, without its line terminator. */
    void line(String source, String line);

    OutputSink DISCARD = (source, line) -> { };
}
