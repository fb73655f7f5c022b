package dev.jp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.localstack.process.FreePort;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** What jp does before it reaches an API: help, usage errors, a missing login, an API that is not there. */
class MainTest {

    @TempDir
    Path home;

    private Jp jp() {
        return new Jp(Map.of("XDG_CONFIG_HOME", home.resolve("config").toString()), home);
    }

    static Iterable<String> commands() {
        return Main.Commands.ALL.keySet();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void every_command_has_help(String command) {
        Jp.Result result = jp().run(command, "--help");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Usage: jp " + command);
    }

    @Test
    void top_level_help_lists_every_command_and_the_exit_codes() {
        Jp.Result result = jp().run("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("ps:scale", "releases:rollback", "run:detached", "audit", "Exit codes: 0 ok");
    }

    @Test
    void an_unknown_command_is_a_usage_error_with_a_suggestion() {
        Jp.Result result = jp().run("ps:scal");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("ps:scale");
    }

    @Test
    void without_a_login_it_says_how_to_log_in() {
        Jp.Result result = jp().run("apps");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).contains("jp login --api URL --token TOKEN").doesNotContain("Exception");
    }

    @Test
    void an_api_that_is_not_there_exits_5_without_a_stack_trace() {
        String url = "http://127.0.0.1:" + FreePort.pick();
        Jp.Result result = jp().with("JP_API_URL", url).with("JP_API_KEY", "t").run("ps", "-a", "demo");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).startsWith("jp: cannot reach the jp API at " + url).doesNotContain("\tat ");
    }

    @Test
    void verbose_adds_the_stack_trace() {
        String url = "http://127.0.0.1:" + FreePort.pick();
        Jp.Result result = jp().with("JP_API_URL", url).with("JP_API_KEY", "t").run("--verbose", "apps");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("\tat ");
    }

    @Test
    void a_command_needing_an_app_without_one_is_a_usage_error() {
        Jp.Result result = jp().with("JP_API_URL", "http://127.0.0.1:1").with("JP_API_KEY", "t").run("ps");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("No app specified");
    }

    @Test
    void bad_scale_arguments_are_a_usage_error() {
        Jp.Result result = jp().run("ps:scale", "web=lots", "-a", "demo");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Cannot read 'web=lots'");
    }

    @Test
    void destroy_without_confirm_is_a_usage_error() {
        Jp.Result result = jp().run("apps:destroy", "demo");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--confirm demo");
    }

    @Test
    void completion_prints_a_bash_script_naming_the_commands() {
        Jp.Result result = jp().run("completion", "bash");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F", "ps:scale");
        assertThat(jp().run("completion", "zsh").out()).startsWith("autoload -U +X compinit");
        assertThat(jp().run("completion", "fish").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void the_ps_fast_path_names_the_options_and_parameters_of_ps() {
        CommandSpec annotated = new CommandLine(new dev.jp.cli.ps.PsCommand()).getCommandSpec();
        Set<String> help = Set.of("-h", "--help", "-V", "--version");
        List<String> fast = new java.util.ArrayList<>(PsFastPath.APP_OPTION);
        fast.add(PsFastPath.JSON_FLAG);
        assertThat(optionNames(annotated).stream().filter(name -> !help.contains(name)).toList()).isEqualTo(fast.stream().sorted().toList());
        assertThat(annotated.positionalParameters()).extracting(p -> p.arity().toString()).containsExactly(PsFastPath.TYPE_ARITY);
    }

    private static List<String> optionNames(CommandSpec spec) {
        return spec.options().stream().flatMap(option -> Arrays.stream(option.names())).sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("psCommandLines")
    void the_ps_fast_path_reads_what_picocli_reads(List<String> args) {
        CommandLine.ParseResult annotated = new CommandLine(new dev.jp.cli.ps.PsCommand())
                .parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        PsFastPath.Parsed fast = PsFastPath.parse(args.toArray(String[]::new)).orElseThrow();
        assertThat(fast.app()).isEqualTo(annotated.matchedOptionValue("--app", null));
        assertThat(fast.type()).isEqualTo(annotated.matchedPositionalValue(0, null));
        assertThat(fast.json()).isEqualTo(annotated.matchedOptionValue("--json", false));
    }

    static List<List<String>> psCommandLines() {
        return List.of(List.of("ps"), List.of("ps", "web"), List.of("ps", "-a", "demo"), List.of("ps", "--app", "demo", "--json"),
                List.of("ps", "--app=demo", "worker.1"), List.of("ps", "--json", "web", "-a", "demo"));
    }

    @ParameterizedTest
    @MethodSource("otherCommandLines")
    void anything_but_a_plain_ps_goes_the_usual_way(List<String> args) {
        assertThat(PsFastPath.parse(args.toArray(String[]::new))).isEmpty();
    }

    static List<List<String>> otherCommandLines() {
        return List.of(List.of(), List.of("apps"), List.of("--verbose", "ps"), List.of("ps", "--help"), List.of("ps", "-h"),
                List.of("ps", "-ademo"), List.of("ps", "-a"), List.of("ps", "-a", "--json"), List.of("ps", "-a", "x", "-a", "y"),
                List.of("ps", "--json", "--json"), List.of("ps", "web", "worker"), List.of("ps", "--", "web"),
                List.of("ps", "@args"), List.of("ps", "--jsn"), List.of("ps", "--app=-x"));
    }

    @Test
    void ps_help_and_usage_errors_take_the_usual_path() {
        assertThat(jp().run("ps", "--help").out()).contains("Usage: jp ps", "--json");
        Jp.Result unknown = jp().run("ps", "--jsn", "-a", "demo");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("Unknown option: '--jsn'");
    }

    @Test
    void the_start_up_training_runs_help_and_ps_against_its_canned_api() throws Exception {
        CdsTraining.main(new String[0]);
    }

    @Test
    void auth_token_prefers_the_environment() {
        Jp.Result result = jp().with("JP_API_KEY", "from-env").run("auth:token");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("from-env\n");
    }
}
