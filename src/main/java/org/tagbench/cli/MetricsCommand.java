package org.tagbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.tagbench.data.TagVocabulary;
import org.tagbench.metrics.ScoreMatrix;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.metrics.TagScore;
import org.tagbench.report.MetricsTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tagbench metrics SCORES LABELS}: tagbench's metrics for any system's score matrix. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "ROC-AUC and PR-AUC per tag, macro and micro, for a score matrix against a label matrix "
                + "(rows = tracks, columns = tags; NumPy .npy, or CSV/TSV with an optional header of tag names), "
                + "computed exactly as in tagbench's own evaluations.")
final class MetricsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCORES", description = "Score matrix (.npy, .csv or .tsv).")
    private Path scores;

    @Parameters(index = "1", paramLabel = "LABELS", description = "0/1 label matrix of the same shape.")
    private Path labels;

    @Option(names = "--tags", paramLabel = "FILE", description = "Tag names, one per line, in column order.")
    private Path tags;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try {
            ScoreMatrix scoreMatrix = ScoreMatrix.read(scores);
            ScoreMatrix labelMatrix = ScoreMatrix.read(labels);
            if (scoreMatrix.rows() != labelMatrix.rows() || scoreMatrix.columns() != labelMatrix.columns()) {
                throw new IllegalArgumentException(scores + " is " + scoreMatrix.rows() + " x " + scoreMatrix.columns()
                        + " but " + labels + " is " + labelMatrix.rows() + " x " + labelMatrix.columns());
            }
            boolean[][] truth = labelMatrix.labels(labels);
            TagMetrics metrics = TagMetrics.of(vocabulary(scoreMatrix, labelMatrix), scoreMatrix.scores(scores),
                    truth);
            print(metrics, spec.commandLine().getOut());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return 0;
    }

    private TagVocabulary vocabulary(ScoreMatrix scoreMatrix, ScoreMatrix labelMatrix) throws IOException {
        List<String> names;
        if (tags != null) {
            if (!Files.isRegularFile(tags)) {
                throw new IllegalArgumentException(tags + ": file not found");
            }
            names = Files.readAllLines(tags).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } else if (!scoreMatrix.tags().isEmpty()) {
            names = scoreMatrix.tags();
        } else if (!labelMatrix.tags().isEmpty()) {
            names = labelMatrix.tags();
        } else {
            names = IntStream.range(0, scoreMatrix.columns()).mapToObj(j -> "tag" + j).toList();
        }
        if (names.size() != scoreMatrix.columns()) {
            throw new IllegalArgumentException((tags != null ? tags : scores) + " names " + names.size()
                    + " tags, but the matrices have " + scoreMatrix.columns() + " columns");
        }
        return new TagVocabulary(names);
    }

    private void print(TagMetrics metrics, PrintWriter out) throws IOException {
        if (!json) {
            out.print(MetricsTable.perTag(metrics));
            out.println(MetricsTable.summary("scores", metrics));
            out.flush();
            return;
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.set("tags", mapper.valueToTree(metrics.perTag().stream().map(TagScore::tag).toList()));
        root.set("roc_auc", summary(mapper, metrics, TagScore::rocAuc, metrics.rocAucMacro(), metrics.rocAucMicro()));
        root.set("pr_auc", summary(mapper, metrics, TagScore::prAuc, metrics.prAucMacro(), metrics.prAucMicro()));
        root.set("undefined_tags", mapper.valueToTree(metrics.undefinedTags()));
        root.put("tracks", metrics.tracks());
        out.println(mapper.writeValueAsString(root));
        out.flush();
    }

    private static ObjectNode summary(ObjectMapper mapper, TagMetrics metrics, ToDoubleFunction<TagScore> value,
                                      double macro, double micro) {
        ObjectNode node = mapper.createObjectNode();
        ArrayNode perTag = node.putArray("per_tag");
        for (TagScore tag : metrics.perTag()) {
            double v = value.applyAsDouble(tag);
            if (Double.isNaN(v)) {
                perTag.addNull();
            } else {
                perTag.add(v);
            }
        }
        putNumber(node, "macro", macro);
        putNumber(node, "micro", micro);
        return node;
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }
}
