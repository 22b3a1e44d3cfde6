package org.tagbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tagbench.config.ConfigException;
import org.tagbench.export.Predictor;
import org.tagbench.export.Tagger;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.FileFailure;
import org.tagbench.files.NpyMatrix;
import org.tagbench.files.ParquetEmbeddings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tagbench embed MODEL AUDIO... --out FILE.npy}: one embedding per track, for a linear probe. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed audio files with a trained model: a layer's outputs (by default the penultimate) for each "
                + "file's chunks, cut as the model was evaluated, averaged into one vector per file. Writes a float32 "
                + "matrix (files x dimensions) and FILE.ids.tsv listing the files in row order.")
final class EmbedCommand implements Callable<Integer> {
    @Mixin
    private ModelAndAudio inputs;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "The embeddings' file.")
    private Path out;

    @Option(names = "--layer", paramLabel = "LAYER",
            description = "The layer as `tagbench model summary` shows it: its number, or its name if no other layer"
                    + " has it (default: the penultimate; a model.onnx gives that one only).")
    private String layer;

    @ArgGroup(exclusive = true)
    private TableFormat format = new TableFormat();

    /** The embeddings' file format other than .npy, one at most. */
    static final class TableFormat {
        @Option(names = "--csv", description = "Write CSV (a row per file, the file first) instead of .npy.")
        private boolean csv;

        @Option(names = "--parquet", description = "Write Parquet (a row per file: file, a string, and embedding,"
                + " a list of float32) instead of .npy.")
        private boolean parquet;
    }

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        requireWritable(out);
        List<Path> files = inputs.files();
        PrintWriter err = spec.commandLine().getErr();
        try (Tagger tagger = inputs.open()) {
            int chosen = layer == null ? tagger.embeddingLayer() : tagger.layer(layer);
            List<Path> ids = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            Predictor predictor = new Predictor(tagger, Runtime.getRuntime().availableProcessors(),
                    Predictor.BATCH_ROWS);
            predictor.run(files, (t, batch) -> t.embeddings(batch, chosen), file -> {
                ids.add(file.file());
                rows.add(file.mean());
            }, err::println);
            if (rows.isEmpty()) {
                err.println("tagbench: none of the " + files.size() + " audio files could be read");
                return UserErrors.BAD_INPUT;
            }
            List<String> names = ids.stream().map(Path::toString).toList();
            write(out, format.parquet ? o -> ParquetEmbeddings.write(o, names, rows)
                    : o -> o.write(format.csv ? csv(ids, rows) : npy(rows)));
            write(out.resolveSibling(out.getFileName() + ".ids.tsv"), o -> o.write(ids(ids)));
            spec.commandLine().getOut().printf(Locale.ROOT, "%d embeddings of %d dimensions (layer %d) in %s%n",
                    rows.size(), rows.get(0).length, chosen, out);
            return 0;
        }
    }

    private static byte[] npy(List<double[]> rows) {
        int columns = rows.get(0).length;
        float[] values = new float[rows.size() * columns];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns; c++) {
                values[r * columns + c] = (float) rows.get(r)[c];
            }
        }
        return NpyMatrix.float32(values, rows.size(), columns);
    }

    private static byte[] csv(List<Path> ids, List<double[]> rows) {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            text.append('"').append(ids.get(r).toString().replace("\"", "\"\"")).append('"');
            for (double v : rows.get(r)) {
                text.append(',').append((float) v);
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ids(List<Path> ids) {
        StringBuilder text = new StringBuilder("row\tfile\n");
        for (int r = 0; r < ids.size(); r++) {
            text.append(r).append('\t').append(ids.get(r)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Refuses, before any audio is decoded, an {@code --out} that is a folder or whose folder cannot be made. */
    private static void requireWritable(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ConfigException("--out", file + " is a folder (expected the path of the embeddings' file)");
        }
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw FileFailure.naming(folder, e);
        }
    }

    private static void write(Path file, AtomicFile.Contents contents) throws IOException {
        try {
            AtomicFile.write(file, contents);
        } catch (IOException e) {
            throw FileFailure.naming(file, e);
        }
    }
}
