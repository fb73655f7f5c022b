package dev.jp.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * picocli's hook for a command's failure: closes an open progress line ({@code failed}), then
 * {@link ErrorReport} prints the message and picks the exit code.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    private final Main main;

    ErrorHandler(Main main) {
        this.main = main;
    }

    @Override
    public int handleExecutionException(Exception error, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (main.progressOpen()) {
            err.println("failed");
            main.progressOpen(false);
        }
        return ErrorReport.report(error, err, main.verbose());
    }
}
