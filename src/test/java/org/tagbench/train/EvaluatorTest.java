package org.tagbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.PcmSource;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.pipeline.OrderedPrefetch;
import org.tagbench.data.Split;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.frontend.MelSpectrogram;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.metrics.TagScore;
import org.tagbench.metrics.TrackScores;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.WidthSolver;

/**
 * Predicting several tracks' chunks at once gives each track the scores it gets alone: the metrics and loss equal
 * those computed from one forward pass per track, for groups that split tracks unevenly and skip a missing file.
 */
class EvaluatorTest {
    private static final int CHUNK = 4000;
    private static final int CHUNKS = 3;

    @TempDir
    Path dir;

    @Test
    void groupedPredictionsScoreEachTrackAsItsOwnForwardPassDoes() throws Exception {
        TrackIndex index = SyntheticDataset.ensure(dir.resolve("data"), new SyntheticSpec(40, 1.5, 8000, 3));
        List<Track> test = index.split(Split.TEST);
        Files.delete(test.get(2).audio());
        MelSpectrogram mel = new MelSpectrogram(ConfigLoader.features(null, List.of("features.sample_rate=8000",
                "features.n_fft=256", "features.hop_length=128", "features.n_mels=40")));
        ModelSpec spec = WidthSolver.solve(Architecture.K2C2, 5_000, 40, mel.frames(CHUNK), index.vocabulary().size());

        try (Network network = Engine.named(EngineName.PYTORCH).build(spec, OptimizerConfig.adam(0.01),
                TrainingConventions.DL4J, 3);
             BatchStream stream = new BatchStream(mel::compute, CHUNK, PcmSource.decoding(new AudioDecoder(8000)),
                     2, 2)) {
            Evaluation expected = oneTrackAtATime(network, stream, test, index.vocabulary());
            for (int rows : new int[] {1, 7, 16, 1000}) {
                Evaluation grouped = new Evaluator(stream, CHUNKS, rows, index.vocabulary()).evaluate(network, test);

                assertEquals(expected.loss(), grouped.loss(), 1e-6, "loss, groups of " + rows + " rows");
                assertEquals(expected.scores().trackIds(), grouped.scores().trackIds());
                for (int i = 0; i < expected.scores().trackIds().size(); i++) {
                    assertArrayEquals(expected.scores().scores()[i], grouped.scores().scores()[i], 1e-6);
                    assertArrayEquals(expected.scores().labels()[i], grouped.scores().labels()[i]);
                }
                List<TagScore> want = expected.metrics().perTag();
                List<TagScore> got = grouped.metrics().perTag();
                for (int j = 0; j < want.size(); j++) {
                    assertEquals(want.get(j).rocAuc(), got.get(j).rocAuc(), 1e-12, want.get(j).tag() + ", " + rows);
                    assertEquals(want.get(j).prAuc(), got.get(j).prAuc(), 1e-12, want.get(j).tag() + ", " + rows);
                }
            }
        }
    }

    /** The reference: each usable track's chunks predicted alone, averaged, and the mean clipped chunk loss. */
    private static Evaluation oneTrackAtATime(Network network, BatchStream stream, List<Track> tracks,
            TagVocabulary vocabulary) {
        List<String> ids = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        List<boolean[]> labels = new ArrayList<>();
        double loss = 0;
        try (OrderedPrefetch<BatchStream.TrackChunks> input = stream.evaluation(tracks, CHUNKS)) {
            while (input.hasNext()) {
                BatchStream.TrackChunks next = input.next();
                float[][] out = network.predict(next.batch());
                boolean[] truth = next.track().labels();
                double[] score = new double[truth.length];
                for (float[] row : out) {
                    for (int j = 0; j < truth.length; j++) {
                        score[j] += row[j] / (double) CHUNKS;
                        double p = Math.min(1 - 1e-7, Math.max(1e-7, row[j]));
                        loss -= Math.log(truth[j] ? p : 1 - p);
                    }
                }
                ids.add(next.track().id());
                scores.add(score);
                labels.add(truth);
            }
        }
        assertEquals(tracks.stream().filter(t -> Files.exists(t.audio())).map(Track::id).toList(), ids,
                "the deleted track is skipped");
        double[][] matrix = scores.toArray(double[][]::new);
        boolean[][] truth = labels.toArray(boolean[][]::new);
        return new Evaluation(TagMetrics.of(vocabulary, matrix, truth),
                loss / (scores.size() * CHUNKS * labels.get(0).length), new TrackScores(ids, matrix, truth));
    }
}
