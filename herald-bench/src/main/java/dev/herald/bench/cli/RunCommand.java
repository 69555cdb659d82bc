package dev.herald.bench.cli;

import dev.herald.bench.report.ResultWriter;
import dev.herald.bench.report.ScenarioResult;
import dev.herald.bench.scenario.Scenario;
import dev.herald.bench.scenario.Session;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Runs one scenario against one server: progress on stderr, the Markdown table on stdout, JSON + Markdown files. */
public final class RunCommand {

    private RunCommand() {}

    public static int run(String scenario, List<String> args) {
        BenchOptions options = BenchOptions.from(scenario, Args.parse(args, BenchOptions.NAMES));
        ScenarioResult result = run(options, System.err);
        System.out.println(ResultWriter.markdown(result));
        List<Path> files = ResultWriter.write(result, options.out());
        System.err.println("results: " + files);
        return 0;
    }

    public static ScenarioResult run(BenchOptions options, PrintStream terminal) {
        Scenario scenario = Scenario.named(options.scenario());
        try (Session session = new Session(options, terminal)) {
            return scenario.run(session);
        }
    }
}
