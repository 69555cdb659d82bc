package dev.herald.bench.cli;

import dev.herald.bench.report.ComparisonReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code report --in=DIR [--reference=herald] [--targets=a,b,c] [--cases=x,y] [--out=FILE]}: side-by-side tables of all
 * results, the cases in {@code --cases} order first.
 */
public final class ReportCommand {

    private ReportCommand() {}

    public static int run(List<String> args) {
        Args a = Args.parse(args, Set.of("in", "reference", "targets", "cases", "out"));
        var results = ComparisonReport.load(Path.of(a.string("in", "bench-results")));
        String markdown = ComparisonReport.render(results, a.string("reference", "herald"),
                a.list("targets", List.of("herald", "tutorial", "nchan")), a.list("cases", List.of()));
        if (a.has("out")) {
            try {
                Files.writeString(Path.of(a.string("out", null)), markdown);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            System.out.print(markdown);
        }
        return 0;
    }
}
