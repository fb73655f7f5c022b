package dev.jp.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script: source <(jp completion bash)",
                "zsh: source <(jp completion zsh) (it loads bashcompinit)."})
public final class CompletionCommand implements Callable<Integer> {

    @ParentCommand
    Main jp;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw CliException.usage("Completion is available for bash and zsh, not " + shell);
        }
        String script = AutoComplete.bash("jp", Main.full(jp.context()));
        if (shell.equals("zsh")) {
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        jp.context().out().print(script);
        return 0;
    }
}
