package dev.herald.bench;

import dev.herald.bench.cli.Args;
import dev.herald.bench.cli.BenchOptions;
import dev.herald.bench.cli.RunCommand;
import dev.herald.bench.report.ResultWriter;
import dev.herald.bench.report.ScenarioResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a scenario the way the command line does, capturing the progress lines. */
final class Bench {

    final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

    ScenarioResult run(String scenario, Path out, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.add("--out=" + out);
        BenchOptions o = BenchOptions.from(scenario, Args.parse(args, BenchOptions.NAMES));
        ScenarioResult result = RunCommand.run(o, new PrintStream(terminal, true, StandardCharsets.UTF_8));
        ResultWriter.write(result, o.out());
        System.out.println(ResultWriter.markdown(result));
        System.out.println(terminal.toString(StandardCharsets.UTF_8));
        return result;
    }

    String progress() {
        return terminal.toString(StandardCharsets.UTF_8);
    }
}
