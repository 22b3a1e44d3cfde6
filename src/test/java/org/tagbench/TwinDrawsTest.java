package org.tagbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tagbench.audio.AudioException;
import org.tagbench.audio.Pcm;
import org.tagbench.audio.PcmSource;
import org.tagbench.cli.TagbenchCommand;
import org.tagbench.data.Batch;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.pipeline.ChunkFeatures;
import org.tagbench.data.pipeline.OrderedPrefetch;
import org.tagbench.engine.InitialWeights;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightLayout;
import org.tagbench.model.WeightSlot;
import org.tagbench.model.WidthSolver;

/**
 * The twin trainer's copies of tagbench's random draws (scripts/train_twin.py --same-order, --same-init) equal
 * tagbench's own exactly: BatchStream's batch order and crop offsets, and InitialWeights' arrays under
 * {@code pytorch} conventions as loaded into the twin's torch modules, bit for bit, on the parity configs'
 * settings (configs/parity: 0.1M, 96 x 141 input, 14 tags, 360 training clips of 4 s cropped to 3 s at 12 kHz).
 */
class TwinDrawsTest {
    private static final int CHUNK = 36_000;
    private static final int TRACKS = 360;
    private static final int BATCH = 16;
    private static final int EPOCHS = 3;
    /** Tracks the source cannot open: skipped, as a missing or unreadable file is. */
    private static final Set<Integer> UNREADABLE = Set.of(5, 200);

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "42", "9223372036854"})
    void batchOrderAndCropsEqualBatchStreams(long seed) {
        List<Track> tracks = new ArrayList<>();
        StringJoiner rooms = new StringJoiner(",");
        for (int k = 0; k < TRACKS; k++) {
            tracks.add(new Track("t" + k, Path.of("t" + k), new boolean[] {k % 2 == 0}, Split.TRAIN));
            rooms.add(UNREADABLE.contains(k) ? "-" : Integer.toString(Math.max(0, length(k) - CHUNK)));
        }
        StringBuilder expected = new StringBuilder();
        try (BatchStream stream = new BatchStream(ChunkFeatures.samples(), CHUNK, TwinDrawsTest::trackAt, 2, 4)) {
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                try (OrderedPrefetch<Batch> batches = stream.trainingEpoch(tracks, BATCH, seed, epoch, 0)) {
                    for (int b = 1; batches.hasNext(); b++) {
                        Batch batch = batches.next();
                        expected.append("epoch ").append(epoch).append(" batch ").append(b).append(':');
                        for (int r = 0; r < batch.rows(); r++) {
                            float[] row = batch.features();
                            expected.append(' ').append((int) row[r * CHUNK]).append('@')
                                    .append((int) row[r * CHUNK + 1]);
                        }
                        expected.append('\n');
                    }
                }
            }
        }

        String printed = TwinScript.run("--print-draws", "order", "--seed", Long.toString(seed), "--rooms",
                rooms.toString(), "--epochs", Integer.toString(EPOCHS), "--batch-size", Integer.toString(BATCH));

        assertEquals(expected.toString(), printed);
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"k2c2, 1", "k2c2, 2", "crnn, 1", "crnn, 2"})
    void initialWeightsEqualInitialWeightsUnderPytorchConventions(String arch, long seed, @TempDir Path dir)
            throws Exception {
        ModelSpec spec = WidthSolver.solve(Architecture.byName(arch).orElseThrow(), 100_000, 96, 141, 14);
        ModelWeights drawn = InitialWeights.draw(spec, TrainingConventions.PYTORCH, seed);
        StringBuilder expected = new StringBuilder();
        for (WeightSlot slot : WeightLayout.of(spec)) {
            expected.append(slot.name());
            for (float value : drawn.get(slot.name()).values()) {
                expected.append(' ').append(String.format("%08x", Float.floatToRawIntBits(value)));
            }
            expected.append('\n');
        }
        Path summary = dir.resolve("summary.json");
        Files.writeString(summary, summaryJson("--arch", arch, "--params", "100k", "--input", "96x141", "--tags",
                "14"));

        String printed = TwinScript.run("--print-draws", "init", "--seed", Long.toString(seed), "--summary",
                summary.toString());

        assertEquals(expected.toString(), printed);
    }

    /** Track k's length in samples: mostly 4 s at 12 kHz, some a little longer, some shorter than a chunk. */
    private static int length(int k) {
        return k % 37 == 3 ? 30_000 + k : 48_000 + (k * 7919) % 2_000;
    }

    /** Track k's audio: a chunk's first sample holds k, its second the offset it starts at. */
    private static Pcm trackAt(Path file) throws AudioException {
        int k = Integer.parseInt(file.toString().substring(1));
        if (UNREADABLE.contains(k)) {
            throw new AudioException(file, "not audio");
        }
        return new Pcm() {
            @Override
            public int length() {
                return TwinDrawsTest.length(k);
            }

            @Override
            public float[] chunk(int offset, int n) {
                float[] samples = new float[n];
                samples[0] = k;
                samples[1] = offset;
                return samples;
            }
        };
    }

    private static String summaryJson(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> command = new ArrayList<>(List.of("model", "summary", "--json"));
        command.addAll(Arrays.asList(args));
        int code = TagbenchCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(command.toArray(String[]::new));
        assertEquals(0, code, err.toString());
        return out.toString();
    }
}
