package org.tagbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One stored run as text for {@code tagbench runs show}: its facts, config, epochs, per-tag metrics and artifacts. */
final class RunSheet {
    private static final Set<String> SECTIONS = Set.of("config", "epochs", "tag_metrics", "artifacts");

    private RunSheet() {
    }

    /** The run (as {@code StoredRuns.show} gives it) in sections. */
    static String of(JsonNode run) {
        StringBuilder text = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = run.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!SECTIONS.contains(field.getKey())) {
                text.append(String.format(Locale.ROOT, "%-20s %s%n", field.getKey(), value(field.getKey(),
                        field.getValue())));
            }
        }
        text.append("\nconfig\n").append(run.path("config").toPrettyString()).append('\n');
        text.append(String.format(Locale.ROOT, "%nepoch  train loss  val loss  val ROC-AUC  val PR-AUC  %10s  %8s"
                + "  %8s%n", "lr", "seconds", "clips/s"));
        for (JsonNode e : run.path("epochs")) {
            text.append(String.format(Locale.ROOT, "%5d  %10s  %8s  %11s  %10s  %10s  %8s  %8s%n", e.path("epoch")
                    .asInt(), n(e, "train_loss", "%.4f"), n(e, "valid_loss", "%.4f"), n(e, "valid_roc_auc", "%.4f"),
                    n(e, "valid_pr_auc", "%.4f"), n(e, "lr", "%.3g"), n(e, "seconds", "%.1f"),
                    n(e, "clips_per_second", "%.1f")));
        }
        text.append(String.format(Locale.ROOT, "%n%-5s  %-24s  %9s  %7s  %7s%n", "split", "tag", "positives",
                "ROC-AUC", "PR-AUC"));
        for (JsonNode t : run.path("tag_metrics")) {
            text.append(String.format(Locale.ROOT, "%-5s  %-24s  %9d  %7s  %7s%n", t.path("split").asText(),
                    t.path("tag").asText(), t.path("positives").asInt(), n(t, "roc_auc", "%.4f"),
                    n(t, "pr_auc", "%.4f")));
        }
        text.append("\nartifacts\n");
        for (JsonNode a : run.path("artifacts")) {
            text.append(String.format(Locale.ROOT, "%-20s  %-10s  %,14d  %s%n", a.path("path").asText(),
                    a.path("kind").asText(), a.path("bytes").asLong(), a.path("sha256").asText()));
        }
        return text.toString();
    }

    private static String value(String name, JsonNode value) {
        if (name.endsWith("_ms") && value.isNumber()) {
            return Instant.ofEpochMilli(value.asLong()).toString();
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static String n(JsonNode row, String field, String format) {
        JsonNode value = row.path(field);
        return value.isNumber() ? String.format(Locale.ROOT, format, value.asDouble()) : "-";
    }
}
