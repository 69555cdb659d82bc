package dev.herald.bench.cli;

import dev.herald.bench.report.ComparisonReport;
import dev.herald.bench.report.SmokeCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code check --in=DIR --cases=a,b --present=herald,nchan [--strict=herald,nchan]}: exit 0 if the results in DIR pass
 * the {@link SmokeCheck}, 1 (and the problems on stderr) otherwise.
 */
public final class CheckCommand {

    private CheckCommand() {}

    public static int run(List<String> args) {
        Args a = Args.parse(args, Set.of("in", "cases", "present", "strict"));
        var results = ComparisonReport.load(Path.of(a.string("in", "bench-results")));
        List<String> present = a.list("present", List.of());
        List<String> problems = SmokeCheck.problems(results, a.list("cases", List.of()), present,
                a.list("strict", present));
        if (problems.isEmpty()) {
            System.out.println("check: " + results.size() + " results, all as expected");
            return 0;
        }
        problems.forEach(p -> System.err.println("check: " + p));
        return 1;
    }
}
