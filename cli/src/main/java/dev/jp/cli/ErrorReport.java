package dev.jp.cli;

import dev.jp.cli.api.ApiException;
import dev.jp.cli.api.Unreachable;
import java.io.PrintWriter;

/**
 * How a failure becomes a message on stderr and an exit code: the API's own message for its
 * errors, a hint where the fix is known, a stack trace only with --verbose. Apart from
 * {@link ErrorHandler} so that a command run without picocli ({@link PsFastPath}) reports the
 * same way without loading it.
 */
final class ErrorReport {

    private ErrorReport() {
    }

    /** The message (and the stack trace when verbose) on stderr; the exit code. */
    static int report(Throwable error, PrintWriter err, boolean verbose) {
        err.println("jp: " + message(error));
        if (error instanceof ApiException api && api.status() == 401) {
            err.println("jp: log in again with: jp login --api URL --token TOKEN (or set JP_API_KEY)");
        }
        if (verbose) {
            error.printStackTrace(err);
        }
        err.flush();
        return exitCode(error);
    }

    static int exitCode(Throwable error) {
        if (error instanceof CliException cli) {
            return cli.exitCode();
        }
        if (error instanceof Unreachable) {
            return ExitCodes.UNREACHABLE;
        }
        if (error instanceof ApiException api) {
            return switch (api.status()) {
                case 404 -> ExitCodes.NOT_FOUND;
                case 409, 412 -> ExitCodes.CONFLICT;
                default -> ExitCodes.FAILURE;
            };
        }
        return ExitCodes.FAILURE;
    }

    private static String message(Throwable error) {
        return error.getMessage() == null ? error.toString() : error.getMessage();
    }
}
