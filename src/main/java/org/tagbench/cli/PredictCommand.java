package org.tagbench.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.tagbench.config.ConfigException;
import org.tagbench.data.TagVocabulary;
import org.tagbench.export.Predictor;
import org.tagbench.export.Tagger;
import org.tagbench.export.Taggram;
import org.tagbench.files.AtomicFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tagbench predict MODEL AUDIO...}: the top tags of audio files by a trained model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Tag audio files with a trained model: each file decoded, mixed to mono, resampled to the "
                + "model's rate, cut into chunks as the model was evaluated; the chunk scores averaged; the top tags "
                + "printed per file. Folders are walked for audio files; unreadable files are named and skipped.")
final class PredictCommand implements Callable<Integer> {
    @Mixin
    private ModelAndAudio inputs;

    @Option(names = "--top", defaultValue = "5", paramLabel = "N",
            description = "Tags printed per file (default ${DEFAULT-VALUE}).")
    private int top;

    @ArgGroup(exclusive = true)
    private Output output;

    @Option(names = "--taggram", paramLabel = "FILE",
            description = "Also write each file's per-chunk scores, tags x chunks, to FILE (.npy, or CSV if it ends "
                    + ".csv) and FILE's name with .png (a heat map); with several files, FILE's name gets -1, -2, ...")
    private Path taggram;

    @Spec
    private CommandSpec spec;

    /** Where all tags' scores go, besides the printed top tags. */
    static final class Output {
        @Option(names = "--json", paramLabel = "FILE", description = "Write every tag's score per file as JSON.")
        Path json;

        @Option(names = "--csv", paramLabel = "FILE", description = "Write every tag's score per file as CSV.")
        Path csv;
    }

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new ConfigException("--top", top + " is not a positive number of tags");
        }
        List<Path> files = inputs.files();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Tagger tagger = inputs.open()) {
            Predictor predictor = new Predictor(tagger, Runtime.getRuntime().availableProcessors(),
                    Predictor.BATCH_ROWS);
            Path table = output == null ? null : output.json != null ? output.json : output.csv;
            Predictor.Counts counts;
            if (table == null) {
                counts = predict(predictor, tagger, files, out, err, null);
            } else {
                Predictor.Counts[] result = new Predictor.Counts[1];
                AtomicFile.write(table, stream -> result[0] = predict(predictor, tagger, files, out, err,
                        new ScoreTable(stream, tagger.tags(), output.json != null)));
                counts = result[0];
            }
            if (counts.read() == 0) {
                err.println("tagbench: none of the " + files.size() + " audio files could be read");
                return UserErrors.BAD_INPUT;
            }
            return 0;
        }
    }

    private Predictor.Counts predict(Predictor predictor, Tagger tagger, List<Path> files, PrintWriter out,
                                     PrintWriter err, ScoreTable table) throws IOException {
        int[] done = {0};
        Predictor.Counts counts = predictor.run(files, Tagger::scores, file -> {
            double[] scores = file.mean();
            out.println(file.file());
            IntStream.range(0, scores.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> -scores[j]))
                    .limit(top)
                    .forEach(j -> out.printf(Locale.ROOT, "  %.4f  %s%n", scores[j], tagger.tags().tag(j)));
            out.flush();
            try {
                if (table != null) {
                    table.add(file.file(), scores);
                }
                if (taggram != null) {
                    Taggram.write(files.size() == 1 ? taggram : numbered(taggram, ++done[0]), tagger.tags(),
                            file.chunks());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, err::println);
        if (table != null) {
            table.finish();
        }
        return counts;
    }

    /** {@code file} with {@code -n} before its extension. */
    private static Path numbered(Path file, int n) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n);
    }

    /** Every tag's score per file, streamed as CSV (a row per file) or a JSON array (an object per file). */
    private static final class ScoreTable {
        private final OutputStream out;
        private final TagVocabulary tags;
        private final boolean json;
        private boolean first = true;

        ScoreTable(OutputStream out, TagVocabulary tags, boolean json) throws IOException {
            this.out = out;
            this.tags = tags;
            this.json = json;
            write(json ? "[" : "file," + String.join(",", tags.tags().stream().map(ScoreTable::csvField).toList())
                    + "\n");
        }

        void add(Path file, double[] scores) throws IOException {
            StringBuilder row = new StringBuilder();
            if (json) {
                row.append(first ? "\n" : ",\n").append("{\"file\": ").append(jsonString(file.toString()))
                        .append(", \"scores\": {");
                for (int j = 0; j < scores.length; j++) {
                    row.append(j == 0 ? "" : ", ").append(jsonString(tags.tag(j))).append(": ")
                            .append(scores[j]);
                }
                row.append("}}");
            } else {
                row.append(csvField(file.toString()));
                for (double score : scores) {
                    row.append(',').append(score);
                }
                row.append('\n');
            }
            first = false;
            write(row.toString());
        }

        void finish() throws IOException {
            if (json) {
                write("\n]\n");
            }
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }

        private static String csvField(String field) {
            return field.contains(",") || field.contains("\"") || field.contains("\n")
                    ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
        }

        private static String jsonString(String text) {
            return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
        }
    }
}
