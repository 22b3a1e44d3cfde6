package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tagbench.ChildJvm;
import org.tagbench.audio.WavWriter;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.export.ExportFormat;
import org.tagbench.export.ModelBundle;
import org.tagbench.export.OnnxModelWriter;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.files.SmallDisk;
import org.tagbench.results.ResultsStore;
import picocli.CommandLine;

/**
 * Every subcommand, given bad input as a new user would: its exit code (2 bad input, 1 a file that cannot be read
 * or written), exactly one line on standard error (the command line's and the process's) naming what is wrong,
 * and no stack trace.
 */
class BadInputTest {
    private static final Pattern STACK_TRACE = Pattern.compile("\\tat |at org\\.|Exception");

    @TempDir
    static Path dir;

    private static Path config;
    private static Path duplicates;
    private static Path run;
    private static Path noBestModel;
    private static Path shortWav;
    private static Path longWav;
    private static Path notAudio;

    /** One bad input: the command line, the exit code and the one line it must print (a regex). */
    record Case(String command, int code, String line, List<String> args) {
        @Override
        public String toString() {
            return String.join(" ", args);
        }
    }

    /**
     * A csv dataset of three tracks whose audio is never reached, a config for it, the same with one track id in
     * train and test, a run folder whose checkpoint and best model are cut off, and audio files.
     */
    @BeforeAll
    static void inputs() throws IOException {
        Files.writeString(dir.resolve("tags.csv"), "path,split,tags\na.wav,train,rock\nb.wav,valid,jazz\n"
                + "c.wav,test,rock\n");
        Files.writeString(dir.resolve("two-classes.csv"), "path,split,tags\na.wav,train,rock\nb.wav,valid,jazz;rock\n"
                + "c.wav,test,rock\n");
        Files.writeString(dir.resolve("dup.csv"), "path,split,tags\nc0.wav,train,rock\nc1.wav,valid,jazz\n"
                + "c0.flac,test,rock\n");
        config = Files.writeString(dir.resolve("tiny.yaml"), String.join("\n",
                "data: {dataset: csv, table: " + dir.resolve("tags.csv") + ", chunk_seconds: 0.5}",
                "features: {sample_rate: 8000, n_fft: 256, hop_length: 128, n_mels: 40}",
                "model: {arch: k2c2, params: 5k}",
                "pipeline: {cache_dir: " + dir.resolve("pcm") + "}",
                "results: {dir: " + dir.resolve("results") + "}"));
        Files.writeString(dir.resolve("probe.yaml"), String.join("\n",
                "bundles: [{path: " + dir.resolve("bundle") + "}]",
                "data: {dataset: csv, table: " + dir.resolve("tags.csv") + ", chunk_seconds: 0.5}",
                "pipeline: {cache_dir: " + dir.resolve("pcm") + "}",
                "results: {dir: " + dir.resolve("results") + "}"));
        duplicates = Files.writeString(dir.resolve("dup.yaml"),
                Files.readString(config).replace("tags.csv", "dup.csv"));
        Files.writeString(dir.resolve("a-file"), "not a folder");
        Files.writeString(dir.resolve("unknown-key.yaml"), "name: bad\nbase: tiny.yaml\ngrid:\n  model.widht: [1, 2]\n");
        Files.writeString(dir.resolve("bad-cells.yaml"), "name: bad\nbase: tiny.yaml\ngrid:\n  model.arch: [k2c2, foo]\n"
                + "  seed: [1, 2]\n");

        run = Files.createDirectories(dir.resolve("results/20250101-000000-tiny-0123456789ab"));
        Files.writeString(Files.createDirectories(dir.resolve("pcm-empty")).resolve("notes.txt"), "no audio here");
        Files.writeString(run.resolve("config.json"), ConfigLoader.canonicalJson(ConfigLoader.load(config, List.of())));
        cutOffZip(run.resolve("checkpoint.zip"));
        cutOffZip(run.resolve("best-model.zip"));

        noBestModel = Files.createDirectories(dir.resolve("results/20250101-000000-tiny-ba0123456789"));
        Files.copy(run.resolve("config.json"), noBestModel.resolve("config.json"));

        bundles(ConfigLoader.load(config, List.of()));
        foreignOnnx(dir.resolve("foreign.onnx"));
        Files.writeString(dir.resolve("bundle.zip"), "not a zip");

        ResultsStore.open("jdbc:sqlite:" + dir.resolve("store.db"));
        Files.writeString(dir.resolve("corrupt.db"), "not a database, as a cut-off copy or another program leaves it"
                + " ".repeat(200));
        shortWav = wav("short.wav", 100);
        longWav = wav("long.wav", 5 * 8000);
        notAudio = Files.writeString(dir.resolve("not-audio.mp3"), "not audio at all");
        Files.writeString(dir.resolve("header-only.csv"), "rock,jazz\n");
        Files.writeString(dir.resolve("labels.csv"), "rock,jazz\n1,0\n0,1\n");
        Files.writeString(dir.resolve("nan.csv"), "rock,jazz\n0.5,0.1\n0.2,NaN\n");
        Files.writeString(dir.resolve("three.csv"), "rock,jazz,pop\n0.5,0.1,0.3\n0.2,0.4,0.6\n");
        // Bytes that are not UTF-8 text, as a WAV or a .npy without its extension would give.
        Files.write(dir.resolve("binary.csv"), new byte[] {'R', 'I', (byte) 0xC3, '(', 0, 1, (byte) 0xFF, '\n'});
    }

    static Stream<Case> cases() {
        String d = dir.toString();
        String configPath = config.toString();
        String memory = "a budget of %s parameters needs about [0-9,.]+ GB to train at batch 16 \\([0-9,.]+ GB for"
                + " the weights, their gradients and Adam's moments, [0-9,.]+ GB for a step's activations\\), more"
                + " than this machine's [0-9,.]+ GB of memory \\(expected a smaller budget or batch size\\)";
        String duplicate = exactly(d + "/dup.csv: line 4: track c0 (path c0.flac, test) is already listed at line 2"
                + " (path c0.wav, train); a track may be listed once, in one split (its id is its path without the"
                + " extension)");
        String notReadable = exactly(notAudio + ": not a readable audio file (") + ".+\\)";
        return Stream.of(
                new Case("tagbench", 2, exactly("tagbench: Unmatched argument at index 0: 'bogus' (see 'tagbench"
                        + " --help')"), List.of("bogus")),
                new Case("tagbench run", 2, exactly("config error: " + d + "/missing.yaml: file not found"),
                        List.of("run", d + "/missing.yaml")),
                new Case("tagbench run", 2, "config error: model\\.params: "
                        + String.format(memory, "1,000,000,000,000"),
                        List.of("run", configPath, "--set", "model.params=1e12")),
                new Case("tagbench run", 2, "config error: model\\.params: " + String.format(memory, "20,000,000,000"),
                        List.of("run", configPath, "--set", "model.params=20000M")),
                new Case("tagbench run", 2, duplicate, List.of("run", duplicates.toString())),
                new Case("tagbench run", 2, exactly("config error: data.chunk_seconds: 1.0E-5 s is no sample at 8000 Hz"
                        + " (expected at least 1 / sample_rate)"),
                        List.of("run", configPath, "--set", "data.chunk_seconds=0.00001")),
                new Case("tagbench run", 2, exactly("config error: data.chunk_seconds: 0.01 s is 80 samples, too short"
                        + " for one frame of n_fft 256"),
                        List.of("run", configPath, "--set", "data.chunk_seconds=0.01", "--set",
                                "features.center=false")),
                new Case("tagbench run", 2, exactly("the validation split of " + d + " (1 track) has no tag with both"
                        + " positive and negative tracks, so its ROC-AUC is undefined and cannot pick the best epoch"
                        + " (expected more validation tracks, or training.early_stopping.monitor: loss)"),
                        List.of("run", configPath, "--set", "results.dir=" + d + "/one-valid-track")),
                new Case("tagbench run", 1, exactly("tagbench: cannot use a file: " + d + "/a-file (file already"
                        + " exists)"), List.of("run", configPath, "--set", "results.dir=" + d + "/a-file")),
                new Case("tagbench sweep", 2, exactly("config error: " + d + "/unknown-key.yaml: grid: model.widht:"
                        + " not a config key (model.widht: unknown key (known: arch, freeze, init, params))"),
                        List.of("sweep", d + "/unknown-key.yaml")),
                new Case("tagbench sweep", 2, exactly("config error: " + d + "/bad-cells.yaml: 2 of 4 cells invalid:"
                        + " cell 3 (model.arch=foo, seed=1): model.arch: ") + ".+" + exactly("; cell 4 (model.arch=foo,"
                        + " seed=2): model.arch: ") + ".+", List.of("sweep", d + "/bad-cells.yaml")),
                new Case("tagbench run --resume", 2, exactly("config error: --resume: " + d + "/results/nope does not"
                        + " exist (expected a run folder, results/<run id>)"),
                        List.of("run", "--resume", d + "/results/nope")),
                new Case("tagbench run --resume", 1, exactly("tagbench: cannot use a file: " + run
                        + "/checkpoint.zip: damaged or truncated (zip END header not found)"),
                        List.of("run", "--resume", run.toString())),
                new Case("tagbench eval", 2, exactly("config error: RUN_DIR: " + d + "/results/nope does not exist"
                        + " (expected a run folder, results/<run id>)"), List.of("eval", d + "/results/nope")),
                new Case("tagbench eval", 2, exactly("tagbench: --split: \"train\" is not valid or test (see 'tagbench"
                        + " eval --help')"), List.of("eval", run.toString(), "--split", "train")),
                new Case("tagbench eval", 1, exactly("tagbench: cannot use a file: " + run + "/best-model.zip: damaged"
                        + " or truncated (") + ".+\\)", List.of("eval", run.toString())),
                new Case("tagbench export", 2, exactly("config error: RUN: " + noBestModel + " has no best-model.zip"
                        + " (no epoch of it finished, so there is no model to export)"),
                        List.of("export", noBestModel.toString(), "--out", d + "/models/none")),
                new Case("tagbench export", 2, exactly("config error: RUN: " + run + " is not a finished run (it has no"
                        + " run.json; finish it with tagbench run --resume " + run + ")"),
                        List.of("export", run.toString(), "--out", d + "/models/unfinished")),
                new Case("tagbench export", 2, exactly("config error: RUN_ID: 99 is not a run of jdbc:sqlite:" + d
                        + "/store.db (expected an id that `tagbench runs` lists)"),
                        List.of("export", "99", "--out", d + "/models/x", "--url", "jdbc:sqlite:" + d + "/store.db")),
                new Case("tagbench export", 1, exactly("tagbench: cannot use a file: " + d + "/results: exists and is"
                        + " neither empty nor an earlier export (a bundle or a model.onnx) (expected a new or"
                        + " empty folder, or an earlier export (a bundle or a model.onnx))"), List.of("export", run.toString(), "--out", d + "/results")),
                new Case("tagbench export", 2, exactly("config error: --zip: zips the bundle, which --format onnx"
                        + " does not write (expected --format bundle or all)"), List.of("export", run.toString(),
                        "--out", d + "/models/x", "--format", "onnx", "--zip")),
                new Case("tagbench export", 2, exactly("config error: --format: tflite is not a format (expected"
                        + " bundle, onnx or all)"), List.of("export", run.toString(), "--out", d + "/models/x",
                        "--format", "tflite")),
                new Case("tagbench predict", 2, exactly("config error: MODEL: " + d + "/results/nope does not exist"
                        + " (expected a run folder, a model bundle's folder or .zip, or a"
                        + " model.onnx)"),
                        List.of("predict", d + "/results/nope", notAudio.toString())),
                new Case("tagbench predict", 2, exactly("config error: AUDIO: " + d + "/pcm-empty has no audio files"
                        + " (expected files ending .aac, .aif, .aiff, .flac, .m4a, .mp3, .mp4, .oga, .ogg, .opus, .wav,"
                        + " .webm, .wma)"), List.of("predict", run.toString(), d + "/pcm-empty")),
                new Case("tagbench predict", 2, exactly("config error: --top: 0 is not a positive number of tags"),
                        List.of("predict", run.toString(), notAudio.toString(), "--top", "0")),
                new Case("tagbench predict", 1, exactly("tagbench: cannot use a file: " + run + "/best-model.zip:"
                        + " damaged or truncated (") + ".+\\)",
                        List.of("predict", run.toString(), notAudio.toString())),
                new Case("tagbench embed", 2, exactly("config error: MODEL: " + d + "/results/nope does not exist"
                        + " (expected a run folder, a model bundle's folder or .zip, or a"
                        + " model.onnx)"),
                        List.of("embed", d + "/results/nope", notAudio.toString(), "--out", d + "/e.npy")),
                new Case("tagbench predict", 2, exactly("config error: " + d + "/bundle-missing: is not a whole model"
                        + " bundle: it has no weights.npz (expected model.json, weights.npz, config.json, metrics.json,"
                        + " provenance.json, MODEL_CARD.md; export the run again)"),
                        List.of("predict", d + "/bundle-missing", longWav.toString())),
                new Case("tagbench predict", 2, exactly("config error: " + d + "/bundle-no-model-json: is not a whole"
                        + " model bundle: it has no model.json (expected model.json, weights.npz, config.json,"
                        + " metrics.json, provenance.json, MODEL_CARD.md; export the run again)"),
                        List.of("predict", d + "/bundle-no-model-json", longWav.toString())),
                new Case("tagbench predict", 2, exactly("config error: " + d + "/bundle-tampered/weights.npz: has"
                        + " SHA-256 ") + "[0-9a-f]{64}" + exactly(", but model.json records ") + "[0-9a-f]{64}"
                        + exactly(" (the file was changed or damaged after export)"),
                        List.of("predict", d + "/bundle-tampered", longWav.toString())),
                new Case("tagbench predict", 2, exactly("config error: " + d + "/bundle.zip: is not a zip (") + ".+"
                        + exactly("; expected the .zip of tagbench export --zip)"),
                        List.of("predict", d + "/bundle.zip", longWav.toString())),
                new Case("tagbench predict", 2, exactly("config error: " + d + "/foreign.onnx: was not made by"
                        + " tagbench: its metadata has no made_by=tagbench (expected a model.onnx from tagbench export,"
                        + " which says the tags, sample rate and chunking it needs)"),
                        List.of("predict", d + "/foreign.onnx", longWav.toString())),
                new Case("tagbench predict", 2, exactly("config error: " + d + "/bare.onnx: has no metadata key"
                        + " eval_chunks (expected a model.onnx from tagbench export; export the run again)"),
                        List.of("predict", d + "/bare.onnx", longWav.toString())),
                new Case("tagbench predict", 2, exactly("config error: " + notAudio + ": is not an ONNX model ONNX"
                        + " Runtime loads (") + ".+" + exactly("; expected a model.onnx from tagbench export)"),
                        List.of("predict", notAudio.toString(), longWav.toString())),
                new Case("tagbench robustness", 2, exactly("config error: --perturb: \"echo\" is not a"
                        + " perturbation (expected one of noise, pink, pitch, stretch, mp3, gain)"),
                        List.of("robustness", d + "/bundle", "--perturb", "echo:delay=1")),
                new Case("tagbench robustness", 2, exactly("config error: --perturb noise:snr: \"loud\" is not a number"),
                        List.of("robustness", d + "/bundle", "--perturb", "noise:snr=10,loud")),
                new Case("tagbench robustness", 2, exactly("config error: --perturb pitch:semitones: 13 is out of range"
                        + " (expected -12 to 12 semitones)"),
                        List.of("robustness", d + "/bundle", "--perturb", "pitch:semitones=-1,13")),
                new Case("tagbench robustness", 2, exactly("config error: --perturb stretch:rate: 0 is out of range"
                        + " (expected a rate above 0 and at most 4)"),
                        List.of("robustness", d + "/bundle", "--perturb", "stretch:rate=0")),
                new Case("tagbench robustness", 2, exactly("config error: --perturb mp3:kbps: 100 kbps is not an MP3 bit"
                        + " rate at 8000 Hz (expected one of 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)"),
                        List.of("robustness", d + "/bundle", "--perturb", "mp3:kbps=100")),
                new Case("tagbench embed", 2, exactly("config error: --layer: 2: " + d + "/bundle/model.onnx gives only"
                        + " layer 6's output (its embedding; embed with the bundle or the run for other layers)"),
                        List.of("embed", d + "/bundle/model.onnx", longWav.toString(), "--out", d + "/e.npy",
                                "--layer", "2")),
                new Case("tagbench probe", 2, exactly("config error: bundles[0].layers: dense is not a layer of this"
                        + " k2c2 (expected a number 1 to 7 or a name as tagbench model summary shows them)"),
                        List.of("probe", d + "/probe.yaml", "--set", "bundles=[{path: " + d + "/bundle, layers:"
                                + " [dense]}]")),
                new Case("tagbench probe", 2, exactly("config error: probe.l2[1]: must be > 0, got -1.0"),
                        List.of("probe", d + "/probe.yaml", "--set", "probe.l2=[1, -1]")),
                new Case("tagbench probe", 2, exactly("config error: task: \"multitask\" is not a task (expected"
                        + " multilabel or multiclass)"), List.of("probe", d + "/probe.yaml", "--set", "task=multitask")),
                new Case("tagbench probe", 2, exactly("track b (" + d + "/b.wav) has 2 classes (jazz, rock), but task:"
                        + " multiclass needs exactly one per track"),
                        List.of("probe", d + "/probe.yaml", "--set", "task=multiclass", "--set",
                                "data.table=" + d + "/two-classes.csv")),
                new Case("tagbench embed", 2, exactly("config error: --layer: dense is not a layer of this k2c2"
                        + " (expected a number 1 to 7 or a name as tagbench model summary shows them)"),
                        List.of("embed", d + "/bundle", longWav.toString(), "--out", d + "/e.npy", "--layer",
                                "dense")),
                new Case("tagbench embed", 2, exactly("config error: --out: " + d + " is a folder (expected the path"
                        + " of the embeddings' file)"),
                        List.of("embed", d + "/bundle", longWav.toString(), "--out", d)),
                new Case("tagbench embed", 2, exactly("tagbench: Missing required option: '--out=FILE.npy' (see"
                        + " 'tagbench embed --help')"), List.of("embed", run.toString(), notAudio.toString())),
                new Case("tagbench runs", 2, exactly("config error: --status: sleeping is not a status (expected one of"
                        + " running, stale, finished, failed, interrupted)"), List.of("runs", "--status", "sleeping")),
                new Case("tagbench runs", 1, exactly("tagbench: results store jdbc:sqlite:" + d + "/none.db: no such"
                        + " file (expected the store that `tagbench run` writes, results/tagbench.db by default, or"
                        + " --url)"), List.of("runs", "--url", "jdbc:sqlite:" + d + "/none.db")),
                new Case("tagbench compare", 2, exactly("config error: --experiment: nothing has no finished runs in"
                        + " jdbc:sqlite:" + d + "/store.db (expected an experiment name or key that `tagbench runs"
                        + " --status finished` lists)"), List.of("compare", "--experiment", "nothing", "--out",
                        d + "/report", "--url", "jdbc:sqlite:" + d + "/store.db")),
                new Case("tagbench runs show", 2, exactly("config error: ID: no run 99 in jdbc:sqlite:" + d
                        + "/store.db"), List.of("runs", "show", "99", "--url", "jdbc:sqlite:" + d + "/store.db")),
                new Case("tagbench runs import", 2, exactly("config error: --url: \"jdbc:mysql://db/x\" is not a results"
                        + " store URL (expected jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE)"),
                        List.of("runs", "import", d, "--url", "jdbc:mysql://db/x")),
                new Case("tagbench runs rm", 1, exactly("tagbench: results store jdbc:sqlite:" + d + "/corrupt.db: ")
                        + ".*(not a database|NOTADB).*", List.of("runs", "rm", "5", "--yes", "--url",
                        "jdbc:sqlite:" + d + "/corrupt.db")),
                new Case("tagbench run", 1, exactly("tagbench: results store jdbc:sqlite:" + d + "/corrupt.db: ")
                        + ".*(not a database|NOTADB).*", List.of("run", configPath, "--set",
                        "results.url=jdbc:sqlite:" + d + "/corrupt.db")),
                new Case("tagbench run", 1, exactly("tagbench: results store jdbc:postgresql://127.0.0.1:1/tagbench: ")
                        + ".*refused.*", List.of("run", configPath, "--set",
                        "results.url=jdbc:postgresql://127.0.0.1:1/tagbench")),
                new Case("tagbench run", 2, exactly("config error: results.url: \"sqlite:results.db\" is not a results"
                        + " store URL (expected jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE)"),
                        List.of("run", configPath, "--set", "results.url=sqlite:results.db")),
                new Case("tagbench metrics", 2, exactly("tagbench: " + d + "/header-only.csv: no rows (only a header of"
                        + " 2 tag names), expected one row per track (see 'tagbench metrics --help')"),
                        List.of("metrics", d + "/header-only.csv", d + "/labels.csv")),
                new Case("tagbench metrics", 2, exactly("tagbench: " + d + "/nan.csv: value NaN at row 2, column 2 is"
                        + " not a score (expected a number) (see 'tagbench metrics --help')"),
                        List.of("metrics", d + "/nan.csv", d + "/labels.csv")),
                new Case("tagbench metrics", 2, exactly("tagbench: " + d + "/binary.csv: not a delimited text table"
                        + " of numbers (expected CSV or TSV text, or a .npy file; not UTF-8 text (expected the file"
                        + " saved as UTF-8)) (see 'tagbench metrics --help')"),
                        List.of("metrics", d + "/binary.csv", d + "/labels.csv")),
                new Case("tagbench metrics", 2, exactly("tagbench: " + d + "/three.csv is 2 x 3 but " + d
                        + "/labels.csv is 2 x 2 (see 'tagbench metrics --help')"),
                        List.of("metrics", d + "/three.csv", d + "/labels.csv")),
                new Case("tagbench metrics", 2, exactly("tagbench: " + d + "/tags.txt: file not found (see 'tagbench"
                        + " metrics --help')"), List.of("metrics", d + "/labels.csv", d + "/labels.csv", "--tags",
                        d + "/tags.txt")),
                new Case("tagbench data check", 2, duplicate, List.of("data", "check", duplicates.toString())),
                new Case("tagbench data check", 2,
                        exactly(d + "/missing.csv: cannot read the tag table (no such file)"),
                        List.of("data", "check", configPath, "--set", "data.table=" + d + "/missing.csv")),
                new Case("tagbench data check", 1, exactly("tagbench: cannot use a file: " + d + "/a-file (file"
                        + " already exists)"), List.of("data", "check", configPath, "--out", d + "/a-file")),
                new Case("tagbench data cache", 2, duplicate, List.of("data", "cache", duplicates.toString())),
                new Case("tagbench data cache", 2, exactly("config error: pipeline.prefetch: must be > 0, got -1"),
                        List.of("data", "cache", configPath, "--set",
                        "pipeline.prefetch=-1")),
                new Case("tagbench mel", 2, exactly(shortWav + ": 100 samples at 8000 Hz (0.013 s) are fewer than"
                        + " n_fft 256 with center false: no frame fits (expected at least 256 samples, or --center"
                        + " true)"), List.of("mel", shortWav.toString(), "--out", d + "/short.npy", "--sr", "8000",
                        "--n-fft", "256", "--center", "false")),
                new Case("tagbench mel", 2, exactly(d + "/missing.wav: file not found"),
                        List.of("mel", d + "/missing.wav", "--out", d + "/missing.npy")),
                new Case("tagbench mel", 2, notReadable, List.of("mel", notAudio.toString(), "--out", d + "/x.npy")),
                new Case("tagbench mel", 2, exactly("config error: --out: " + d + " is not a file (expected the path of"
                        + " the .npy file to write)"), List.of("mel", longWav.toString(), "--out", d)),
                new Case("tagbench model summary", 2, exactly("config error: --arch: k3c3 is not an architecture"
                        + " (known: k1c2 (conv1d), k2c1, k2c2 (conv2d), crnn, fcn, shortchunk (short-chunk-cnn), shortchunk-res (shortchunk-resnet), samplecnn, bilstm-attn, musicnn)"),
                        List.of("model", "summary", "--arch", "k3c3", "--params", "1M")),
                new Case("tagbench model summary", 2, exactly("config error: --params: shortchunk cannot be built within"
                        + " 2% of 100 parameters for a 128 x 231 input and 50 tags: nearest is 190 with widths"
                        + " [1, 1, 1, 1, 1, 1, 1, 1]"),
                        List.of("model", "summary", "--arch", "shortchunk", "--params", "100", "--input", "128x231")),
                new Case("tagbench model summary", 2, exactly("config error: --params: shortchunk-res cannot be built"
                        + " within 2% of 100 parameters for a 128 x 231 input and 50 tags: nearest is 358 with widths"
                        + " [1, 1, 1, 1, 1, 1, 1, 1]"),
                        List.of("model", "summary", "--arch", "shortchunk-res", "--params", "100", "--input",
                                "128x231")),
                new Case("tagbench model summary", 2, exactly("config error: --input: 96x1366 is a log-mel size, but"
                        + " samplecnn eats the raw waveform (expected 1xSAMPLES, e.g. 1x59049, its paper's 3.69 s at"
                        + " 16 kHz)"), List.of("model", "summary", "--arch", "samplecnn", "--params", "1M", "--input",
                                "96x1366")),
                new Case("tagbench model summary", 2, exactly("config error: --params: samplecnn cannot be built"
                        + " within 2% of 100 parameters for a 1 x 59049 input and 50 tags: nearest is 164 with widths"
                        + " [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"),
                        List.of("model", "summary", "--arch", "samplecnn", "--params", "100", "--input", "1x59049")),
                new Case("tagbench run", 2, exactly("config error: features.frontend: cpu computes a log-mel"
                        + " spectrogram, but samplecnn eats the raw waveform (expected none)"),
                        List.of("run", configPath, "--set", "model.arch=samplecnn", "--set",
                                "features.frontend=cpu")),
                new Case("tagbench run", 2, exactly("config error: features.frontend: none feeds the waveform, but"
                        + " k2c2 eats a log-mel spectrogram (expected cpu or network)"),
                        List.of("run", configPath, "--set", "features.frontend=none")),
                new Case("tagbench model summary", 2, exactly("config error: --params: \"ten\" is not a parameter"
                        + " budget (expected e.g. 250k, 1M, 1000000)"),
                        List.of("model", "summary", "--arch", "k2c2", "--params", "ten")),
                new Case("tagbench bench decode", 2, notReadable,
                        List.of("bench", "decode", longWav.toString(), notAudio.toString())),
                new Case("tagbench bench mel", 2, exactly("config error: --seconds: -1.0 is not a length (expected"
                        + " seconds > 0)"), List.of("bench", "mel", "--seconds", "-1")),
                new Case("tagbench bench pipeline", 2,
                        exactly("cannot benchmark the pipeline on unreadable audio: ") + notReadable, List.of("bench", "pipeline", notAudio.toString())),
                new Case("tagbench bench step", 2, "config error: --params: " + String.format(memory,
                        "1,000,000,000,000"), List.of("bench", "step", "--arch", "k2c2", "--params", "1e12")),
                new Case("tagbench bench step", 2, exactly("config error: --engine: tensorflow is not an engine"
                        + " (expected dl4j or pytorch)"),
                        List.of("bench", "step", "--arch", "k2c2", "--params", "1M", "--engine", "tensorflow")),
                new Case("tagbench bench metrics", 2, exactly("config error: --tracks: 0 is too small (expected 1 or"
                        + " more)"), List.of("bench", "metrics", "--tracks", "0")),
                new Case("tagbench bench compare", 2, exactly("config error: --resamples: 0 is too small (expected 1"
                        + " or more)"), List.of("bench", "compare", "--resamples", "0")),
                new Case("tagbench bench predict", 2, exactly("config error: --model-format: tflite is not a model"
                        + " format (expected run, bundle or onnx)"), List.of("bench", "predict", "--model-format",
                        "tflite")),
                new Case("tagbench bench predict", 2, exactly("config error: --tracks: 5 is too small (expected 10"
                        + " or more)"), List.of("bench", "predict", "--tracks", "5")),
                new Case("tagbench bench predict", 2, exactly("config error: --arch: k3c3 is not an architecture"
                        + " (known: ") + ".+\\)", List.of("bench", "predict", "--arch", "k3c3")),
                new Case("tagbench bench store", 2, exactly("config error: --tags: 0 is too small (expected 1 or"
                        + " more)"), List.of("bench", "store", "configs/quickstart.yaml", "--tags", "0")),
                new Case("tagbench bench store", 2, exactly("config error: " + d + "/missing.yaml: file not found"),
                        List.of("bench", "store", d + "/missing.yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsOneLineWithItsExitCode(Case bad) {
        Outcome outcome = run(bad.args().toArray(String[]::new));

        assertEquals(bad.code(), outcome.code(), outcome.stderr());
        assertFalse(STACK_TRACE.matcher(outcome.stderr()).find(), outcome.stderr());
        List<String> lines = outcome.stderr().lines().toList();
        assertEquals(1, lines.size(), outcome.stderr());
        assertTrue(lines.get(0).matches(bad.line()), lines.get(0) + "\n does not match\n" + bad.line());
    }

    @Test
    void everySubcommandHasABadInputCase() {
        Set<String> covered = new TreeSet<>();
        cases().forEach(c -> covered.add(c.command()));
        Set<String> commands = new TreeSet<>(List.of("tagbench", "tagbench run --resume", "tagbench runs"));
        leaves(TagbenchCommand.commandLine(), commands);

        assertEquals(commands, covered);
    }

    @Test
    void aFullDiskNamesTheFile() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small"), 16)) {
            Path out = disk.folder().resolve("long.npy");

            Outcome outcome = run("mel", longWav.toString(), "--out", out.toString(), "--sr", "8000");

            assertEquals(1, outcome.code(), outcome.stderr());
            assertEquals("tagbench: cannot use a file: " + out + ": No space left on device", outcome.stderr().strip());
            try (Stream<Path> left = Files.list(disk.folder())) {
                assertEquals(List.of(), left.toList(), "no half-written file is left");
            }
        }
    }

    @Test
    void settingsTooLargeForTheHeapAreOneLine() throws Exception {
        assertOutOfMemoryIsOneLine("-Xmx64m", "mel", longWav.toString(), "--out", dir.resolve("huge.npy").toString(),
                "--n-fft", "100000000");
    }

    /** The evaluation's input workers run out of heap, and the error reaches the command wrapped by the prefetch. */
    @Test
    void aWorkerThreadOutOfHeapIsOneLine() throws Exception {
        Path generated = Files.writeString(dir.resolve("many-chunks.yaml"), String.join("\n",
                "data: {dataset: synthetic, root: " + dir.resolve("synthetic") + ", clips: 10, clip_seconds: 2,"
                        + " chunk_seconds: 1}",
                // The workers then hand on the waveform (64 kB a chunk), so that the heap fills within seconds.
                "features: {sample_rate: 16000, n_fft: 256, hop_length: 128, n_mels: 16, frontend: network}",
                "model: {arch: k2c2, params: 10k}",
                "training: {batch_size: 4, max_epochs: 1}",
                "eval: {chunks: 200000}",
                "pipeline: {pcm_cache: false}",
                "results: {dir: " + dir.resolve("many-chunks") + "}"));

        assertOutOfMemoryIsOneLine("-Xmx256m", "run", generated.toString());
    }

    private static void assertOutOfMemoryIsOneLine(String heap, String... args) throws Exception {
        List<String> command = ChildJvm.command(List.of(heap), TagbenchCommand.class, args);
        Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        child.getOutputStream().close();
        String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(1, child.waitFor(), stderr);
        assertFalse(STACK_TRACE.matcher(stderr).find(), stderr);
        // A run's progress lines come first; the error is the last line.
        List<String> lines = stderr.lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("tagbench: out of memory \\(Java heap space\\) with a Java heap"
                + " of 0\\.[0-9] GB: use smaller settings, or a larger heap with JAVA_OPTS=-Xmx<size>"), stderr);
    }

    @Test
    void everyCommandsHelpListsItsExitCodes() {
        Set<String> commands = new TreeSet<>();
        leaves(TagbenchCommand.commandLine(), commands);
        for (String command : commands) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.remove(0);
            args.add("--help");

            String help = CommandRun.of(args.toArray(String[]::new)).out();

            assertTrue(help.contains("Exit codes:\n  0   Done.\n  1   A file could not be read or written (the one-line"
                    + " error names it), or"), help);
            assertTrue(help.contains("  2   Bad input"), help);
            assertEquals(command.startsWith("tagbench data "), help.contains("  3   --strict"), help);
        }
    }

    /** The qualified names of the commands under {@code command} that take no subcommand ("help" aside). */
    private static void leaves(CommandLine command, Set<String> names) {
        if (command.getSubcommands().isEmpty()) {
            names.add(command.getCommandSpec().qualifiedName());
        }
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                leaves(sub, names);
            }
        });
    }

    /** A run's exit code and everything written to standard error, by the command line or anything else. */
    private record Outcome(int code, String stderr) {
    }

    private static Outcome run(String... args) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stray, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            CommandRun run = CommandRun.of(args);
            return new Outcome(run.code(), stray.toString(StandardCharsets.UTF_8) + run.err());
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }

    private static String exactly(String line) {
        return Pattern.quote(line);
    }

    private static Path wav(String name, int samples) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        float[] noise = new float[samples];
        for (int i = 0; i < samples; i++) {
            noise[i] = (float) (0.1 * random.nextGaussian());
        }
        Path file = dir.resolve(name);
        try (OutputStream stream = Files.newOutputStream(file)) {
            WavWriter.write(stream, noise, 8000);
        }
        return file;
    }

    /**
     * An untrained k2c2 of the tiny config exported whole (bundle and model.onnx) to bundle/, then again to
     * bundle-missing/ without its weights.npz, to bundle-no-model-json/ without its model.json (its config.json would
     * pass for a run folder's) and to bundle-tampered/ with one weight's bytes changed; and as
     * bare.onnx without the metadata export adds.
     */
    private static void bundles(ExperimentConfig tiny) throws IOException {
        ModelSpec spec = Architecture.byName("k2c2").orElseThrow().spec(40, 32, 2, new int[] {5, 9, 9, 14, 18});
        try (Network network = Engine.named(EngineName.PYTORCH).build(spec, tiny.training().optimizer(),
                TrainingConventions.of(tiny.training().conventions()), 1)) {
            ObjectNode none = new ObjectMapper().createObjectNode();
            ModelBundle bundle = new ModelBundle(spec, network.weights(), List.of("jazz", "rock"), tiny, none, none);
            for (String name : List.of("bundle", "bundle-missing", "bundle-tampered", "bundle-no-model-json")) {
                bundle.write(dir.resolve(name), ExportFormat.ALL);
            }
            // The writer's own keys only: what OnnxModelWriter gives a caller that adds none of export's.
            OnnxModelWriter.write(spec, network.weights(), TrainingConventions.of(tiny.training().conventions()),
                    tiny.features(), bundle.tags(), bundle.chunkSamples(), Map.of(),
                    dir.resolve("bare.onnx"));
        }
        Files.delete(dir.resolve("bundle-missing/weights.npz"));
        Files.delete(dir.resolve("bundle-no-model-json/model.json"));
        Path weights = dir.resolve("bundle-tampered/weights.npz");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 1;
        Files.write(weights, bytes);
    }

    /** A valid ONNX model that tagbench did not make: y = x for a float vector of 4, without metadata_props. */
    private static void foreignOnnx(Path file) throws IOException {
        TypeProto vector = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(4)))).build();
        GraphProto graph = GraphProto.newBuilder().setName("identity")
                .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("y"))
                .addInput(ValueInfoProto.newBuilder().setName("x").setType(vector))
                .addOutput(ValueInfoProto.newBuilder().setName("y").setType(vector)).build();
        try (OutputStream out = Files.newOutputStream(file)) {
            ModelProto.newBuilder().setIrVersion(8).setProducerName("elsewhere")
                    .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(graph)
                    .build().writeTo(out);
        }
    }

    /** A zip of 20 kB of incompressible bytes, cut off half-way as a killed copy or a full disk would leave it. */
    private static void cutOffZip(Path file) throws IOException {
        byte[] bytes = new byte[20_000];
        new SplittableRandom(3).nextBytes(bytes);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("network.zip"));
            out.write(bytes);
            out.closeEntry();
        }
        Files.write(file, Arrays.copyOf(zip.toByteArray(), zip.size() / 2));
    }
}
