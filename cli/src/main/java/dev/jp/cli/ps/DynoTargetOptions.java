package dev.jp.cli.ps;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options ps:restart and ps:stop share: a dyno or process type as argument, or -p TYPE. */
final class DynoTargetOptions {

    @Parameters(arity = "0..1", paramLabel = "DYNO", description = "A dyno (web.1) or a process type (web).")
    String dyno;

    @Option(names = {"-p", "--process-type"}, paramLabel = "TYPE", description = "Every dyno of this type.")
    String type;

    DynoTarget target(boolean allowAll) {
        return DynoTarget.of(dyno, type, allowAll);
    }
}
