package dev.jp.cli;

import dev.jp.cli.api.ApiClient;
import dev.jp.cli.config.CliConfig;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/**
 * A command that talks to the API. Where: {@code JP_API_URL} and {@code JP_API_KEY}, else the
 * config file {@code jp login} and {@code jp up} write.
 */
public abstract class ApiCommand implements Callable<Integer> {

    @ParentCommand
    private Main jp;

    private ApiClient api;

    protected abstract int run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    protected Context context() {
        return jp.context();
    }

    protected PrintStream out() {
        return jp.context().out();
    }

    protected PrintStream err() {
        return jp.context().err();
    }

    protected ApiClient api() {
        if (api == null) {
            api = client(context());
        }
        return api;
    }

    /** The API this context points at: {@code JP_API_URL} and {@code JP_API_KEY}, else the saved config. */
    static ApiClient client(Context context) {
        Optional<CliConfig> saved = CliConfig.load(context.env());
        String url = Optional.ofNullable(context.env("JP_API_URL")).orElse(saved.map(CliConfig::apiUrl).orElse(null));
        String token = Optional.ofNullable(context.env("JP_API_KEY")).orElse(saved.map(CliConfig::token).orElse(null));
        if (url == null || token == null) {
            throw CliException.failure("jp does not know which API to use; run jp login --api URL --token TOKEN "
                    + "(or jp up -d for a local platform), or set JP_API_URL and JP_API_KEY");
        }
        return new ApiClient(url, token);
    }

    /** A progress line on stderr, finished later by {@link #done()}: {@code Scaling dynos... done}. */
    protected void progress(String what) {
        err().print(what + "... ");
        err().flush();
        jp.progressOpen(true);
    }

    protected void done() {
        done("");
    }

    protected void done(String suffix) {
        err().println("done" + suffix);
        jp.progressOpen(false);
    }
}
