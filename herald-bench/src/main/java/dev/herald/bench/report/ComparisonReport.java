package dev.herald.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads every result JSON in a directory and renders one Markdown table per scenario: a column per server, then the
 * ratio {@code reference ÷ peer} for each other server (reference = Herald by default). Ratios of figures that must
 * be zero (loss, duplicates…) are not computed: the raw counts say it.
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
        StringBuilder sb = new StringBuilder();
        for (String scenario : SCENARIO_ORDER) {
            Map<String, ScenarioResult> byTarget = new LinkedHashMap<>();
            for (String t : targetOrder) {
                results.stream().filter(r -> r.scenario().equals(scenario) && r.target().equals(t))
                        .findFirst().ifPresent(r -> byTarget.put(t, r));
            }
            results.stream().filter(r -> r.scenario().equals(scenario) && !byTarget.containsKey(r.target()))
                    .forEach(r -> byTarget.put(r.target(), r));
            if (byTarget.isEmpty()) {
                continue;
            }
            sb.append(table(scenario, byTarget, reference));
        }
        return sb.toString();
    }

    private static String table(String scenario, Map<String, ScenarioResult> byTarget, String reference) {
        StringBuilder sb = new StringBuilder();
        ScenarioResult ref = byTarget.get(reference);
        List<String> peers = new ArrayList<>(byTarget.keySet());
        peers.remove(reference);
        sb.append("### ").append(scenario).append("\n\n");
        ScenarioResult any = byTarget.values().iterator().next();
        sb.append("Parameters: ").append(parametersLine(any)).append("\n\n");
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
        if (f.better() == Figure.Better.ZERO) {
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
