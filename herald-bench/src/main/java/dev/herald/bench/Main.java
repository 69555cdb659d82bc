package dev.herald.bench;

import dev.herald.bench.baseline.TutorialBaselineApplication;
import dev.herald.bench.cli.CheckCommand;
import dev.herald.bench.cli.ReportCommand;
import dev.herald.bench.cli.RunCommand;
import dev.herald.bench.cli.TokenCommand;
import dev.herald.bench.cli.Usage;
import dev.herald.bench.scenario.Scenario;
import dev.herald.bench.worker.WorkerMain;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar herald-bench.jar <command> [--option=value …]}: a scenario ({@code idle}, {@code broadcast},
 * {@code targeted}, {@code reconnect-storm}), {@code report}, {@code check}, {@code token}, {@code tutorial-baseline} (the baseline
 * server), or {@code worker} (internal: a child load process).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            System.out.println(Usage.TEXT);
            return;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int code;
        try {
            code = switch (command) {
                case "worker" -> {
                    WorkerMain.main(rest);
                    yield 0;
                }
                case "tutorial-baseline" -> {
                    TutorialBaselineApplication.main(rest);
                    yield -1; // keeps running
                }
                case "report" -> ReportCommand.run(List.of(rest));
                case "check" -> CheckCommand.run(List.of(rest));
                case "token" -> TokenCommand.run(List.of(rest));
                default -> {
                    if (!Scenario.NAMES.contains(command)) {
                        throw new IllegalArgumentException("unknown command '" + command + "'; try help");
                    }
                    yield RunCommand.run(command, List.of(rest));
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println("herald-bench: " + e.getMessage());
            code = 2;
        }
        if (code >= 0) {
            System.exit(code);
        }
    }
}
