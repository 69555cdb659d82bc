package dev.herald.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads every result JSON in a directory and renders one Markdown table per case (a scenario at one size): a column per
 * server, then the ratio {@code reference ÷ peer} for each other server (reference = Herald by default), and each
 * run's load average at its start and end. Ratios of figures that must be zero (loss, duplicates…) are not computed:
 * the raw counts say it.
 */
public final class ComparisonReport {

    private static final List<String> SCENARIO_ORDER = List.of("idle", "broadcast", "targeted", "reconnect-storm");

    private ComparisonReport() {}

    public static List<ScenarioResult> load(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(ResultWriter::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String render(List<ScenarioResult> results, String reference, List<String> targetOrder) {
        return render(results, reference, targetOrder, List.of());
    }

    /** As above, the cases named in {@code caseOrder} first and in that order, then the others. */
    public static String render(List<ScenarioResult> results, String reference, List<String> targetOrder,
                                List<String> caseOrder) {
        StringBuilder sb = new StringBuilder();
        List<String> cases = new ArrayList<>(caseOrder.stream()
                .filter(c -> results.stream().anyMatch(r -> r.caseName().equals(c))).toList());
        caseOrder(results).stream().filter(c -> !cases.contains(c)).forEach(cases::add);
        for (String caseName : cases) {
            Map<String, ScenarioResult> byTarget = new LinkedHashMap<>();
            for (String t : targetOrder) {
                results.stream().filter(r -> r.caseName().equals(caseName) && r.target().equals(t))
                        .findFirst().ifPresent(r -> byTarget.put(t, r));
            }
            results.stream().filter(r -> r.caseName().equals(caseName) && !byTarget.containsKey(r.target()))
                    .forEach(r -> byTarget.put(r.target(), r));
            sb.append(table(caseName, byTarget, reference));
        }
        return sb.toString();
    }

    /** Cases in scenario order (idle, broadcast, targeted, reconnect-storm), then by name. */
    static List<String> caseOrder(List<ScenarioResult> results) {
        return results.stream()
                .sorted(Comparator.comparingInt((ScenarioResult r) -> scenarioRank(r.scenario()))
                        .thenComparing(ScenarioResult::caseName))
                .map(ScenarioResult::caseName)
                .distinct()
                .toList();
    }

    private static int scenarioRank(String scenario) {
        int i = SCENARIO_ORDER.indexOf(scenario);
        return i < 0 ? SCENARIO_ORDER.size() : i;
    }

    private static String table(String caseName, Map<String, ScenarioResult> byTarget, String reference) {
        StringBuilder sb = new StringBuilder();
        ScenarioResult ref = byTarget.get(reference);
        List<String> peers = new ArrayList<>(byTarget.keySet());
        peers.remove(reference);
        ScenarioResult any = byTarget.values().iterator().next();
        String scenario = any.scenario();
        sb.append("### ").append(caseName).append(caseName.equals(scenario) ? "" : " (" + scenario + ")")
                .append("\n\n");
        sb.append("Parameters: ").append(parametersLine(any)).append("\n\n");
        sb.append("Load average (1 min) at the start → end of each run:");
        byTarget.values().forEach(r -> sb.append(' ').append(r.target()).append(' ')
                .append(Figure.format(r.load().atStart())).append(" → ").append(Figure.format(r.load().atEnd()))
                .append(';'));
        sb.setLength(sb.length() - 1);
        sb.append(".\n\n");
        sb.append("| figure |");
        byTarget.keySet().forEach(t -> sb.append(' ').append(t).append(" |"));
        if (ref != null) {
            peers.forEach(p -> sb.append(' ').append(reference).append(" ÷ ").append(p).append(" |"));
        }
        sb.append("\n|---|");
        byTarget.keySet().forEach(t -> sb.append("---:|"));
        if (ref != null) {
            peers.forEach(p -> sb.append("---:|"));
        }
        sb.append('\n');
        for (Figure f : Figure.forScenario(scenario)) {
            sb.append("| ").append(f.label()).append(" |");
            byTarget.values().forEach(r -> sb.append(' ').append(f.format(r)).append(" |"));
            if (ref != null) {
                for (String p : peers) {
                    sb.append(' ').append(ratio(f, ref, byTarget.get(p))).append(" |");
                }
            }
            sb.append('\n');
        }
        sb.append('\n');
        for (ScenarioResult r : byTarget.values()) {
            for (String note : r.notes()) {
                sb.append("- ").append(r.target()).append(": ").append(note).append('\n');
            }
        }
        if (byTarget.values().stream().anyMatch(r -> !r.notes().isEmpty())) {
            sb.append('\n');
        }
        return sb.toString();
    }

    static String ratio(Figure f, ScenarioResult ref, ScenarioResult peer) {
        if (f.better() == Figure.Better.ZERO || f.better() == Figure.Better.NEITHER) {
            return "";
        }
        Number a = f.value().apply(ref);
        Number b = f.value().apply(peer);
        if (a == null || b == null || b.doubleValue() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", a.doubleValue() / b.doubleValue());
    }

    private static String parametersLine(ScenarioResult r) {
        StringBuilder sb = new StringBuilder();
        r.parameters().forEach((k, v) -> {
            if (!k.endsWith("Url") && !k.equals("publishBody")) {
                sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }
}
