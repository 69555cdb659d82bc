package dev.herald.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a run's result as {@code <target>-<case>.json} and {@code .md}, and renders its Markdown table. */
public final class ResultWriter {

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ResultWriter() {}

    public static List<Path> write(ScenarioResult result, Path dir) {
        try {
            Files.createDirectories(dir);
            String base = safe(result.target()) + "-" + safe(result.caseName());
            Path json = dir.resolve(base + ".json");
            Path md = dir.resolve(base + ".md");
            Files.writeString(json, JSON.writeValueAsString(result) + "\n");
            Files.writeString(md, markdown(result));
            return List.of(json, md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ScenarioResult read(Path json) {
        try {
            return JSON.readValue(Files.readString(json), ScenarioResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String markdown(ScenarioResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(r.caseName()).append(" — ").append(r.target()).append("\n\n");
        sb.append("| figure | value |\n|---|---:|\n");
        for (Figure f : Figure.forScenario(r.scenario())) {
            sb.append("| ").append(f.label()).append(" | ").append(f.format(r)).append(" |\n");
        }
        sb.append("\nParameters: ").append(r.parameters()).append("  \n");
        sb.append("Wall time ").append(Figure.format(r.wallSeconds())).append(" s, bench processes ")
                .append(r.resources().toolProcesses()).append(", cores ").append(r.resources().cores())
                .append(", load average (1 min) ").append(Figure.format(r.load().atStart())).append(" at the start, ")
                .append(Figure.format(r.load().atEnd())).append(" at the end.\n");
        for (String note : r.notes()) {
            sb.append("\n- ").append(note);
        }
        return sb.append('\n').toString();
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
