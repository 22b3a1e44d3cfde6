package org.tagbench.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.AudioException;
import org.tagbench.audio.Pcm;
import org.tagbench.audio.PcmSource;
import org.tagbench.audio.ResampleNote;
import org.tagbench.data.Batch;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.pipeline.OrderedPrefetch;
import org.tagbench.progress.Progress;

/**
 * Streams audio files through a {@link Tagger} as its evaluation did: each file decoded to mono at the tagger's
 * sample rate (said explicitly to the decoder), its evenly spaced chunks cut by the evaluation pipeline
 * ({@link BatchStream#evaluation}) on worker threads, the chunks of several files through the model together. One
 * file's outputs at a time go to the caller, in the files' order, so memory stays flat however many files there are.
 * Audio at another rate than the tagger's is resampled, said once per source rate ({@link ResampleNote}).
 */
public final class Predictor {
    /** Chunks per model call for predict, embed and probes: enough to keep both cores' convolutions busy. */
    public static final int BATCH_ROWS = 16;

    private final Tagger tagger;
    private final int threads;
    private final int batchRows;
    private final ResampleNote resampling;

    /** Decodes on {@code threads} workers and feeds the model at least {@code batchRows} chunks at a time. */
    public Predictor(Tagger tagger, int threads, int batchRows) {
        this(tagger, threads, batchRows, null);
    }

    /**
     * The same, telling {@code resampling} (at the tagger's rate; null for a note of each run's own, said to its
     * notes) each file's rate, so that callers running several predictors over the same audio say it once.
     */
    public Predictor(Tagger tagger, int threads, int batchRows, ResampleNote resampling) {
        if (resampling != null && resampling.rate() != tagger.sampleRate()) {
            throw new IllegalArgumentException("a note at " + resampling.rate() + " Hz for a model eating "
                    + tagger.sampleRate() + " Hz");
        }
        this.tagger = tagger;
        this.threads = threads;
        this.batchRows = batchRows;
        this.resampling = resampling;
    }

    /** One file's per-chunk output rows (scores or embeddings), in time order. */
    public record FileOutputs(Path file, float[][] chunks) {
        /** The mean over the chunks, per column: a track's score or embedding. */
        public double[] mean() {
            double[] mean = new double[chunks[0].length];
            for (float[] row : chunks) {
                for (int j = 0; j < mean.length; j++) {
                    mean[j] += row[j] / (double) chunks.length;
                }
            }
            return mean;
        }
    }

    /** How many files were read and how many skipped. */
    public record Counts(int read, int skipped) {
    }

    /**
     * Runs {@code files} through the model, {@code outputs} giving a batch's rows (e.g. {@link Tagger#scores});
     * {@code sink} hears each readable file in order, {@code notes} one line per unreadable file (skipped) and per
     * file shorter than one chunk (padded with silence, as in evaluation) and, unless this predictor shares a note, one
     * per source rate that is resampled. A bar shows progress over many files.
     */
    public Counts run(List<Path> files, BiFunction<Tagger, Batch, float[][]> outputs, Consumer<FileOutputs> sink,
                      Consumer<String> notes) {
        ResampleNote note = resampling != null ? resampling : new ResampleNote("the model", tagger.sampleRate(), notes);
        WatchedAudio audio = new WatchedAudio(PcmSource.decoding(new AudioDecoder(note)), tagger.chunkSamples(),
                tagger.sampleRate());
        List<Track> tracks = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            tracks.add(new Track(Integer.toString(i), files.get(i), new boolean[0], Split.TEST));
        }
        int read = 0;
        int next = 0;
        try (BatchStream stream = new BatchStream(tagger.features(), tagger.chunkSamples(), audio, threads,
                2 * threads + 2);
             Progress progress = Progress.start("predicting", files.size(), "files");
             OrderedPrefetch<BatchStream.TrackChunks> input = stream.evaluation(tracks, tagger.chunksPerTrack())) {
            List<BatchStream.TrackChunks> pending = new ArrayList<>();
            int rows = 0;
            while (input.hasNext()) {
                BatchStream.TrackChunks chunks = input.next();
                pending.add(chunks);
                rows += chunks.batch().rows();
                if (rows >= batchRows || !input.hasNext()) {
                    float[][] out = outputs.apply(tagger, Batch.concat(pending.stream()
                            .map(BatchStream.TrackChunks::batch).toList()));
                    int row = 0;
                    for (BatchStream.TrackChunks done : pending) {
                        int index = Integer.parseInt(done.track().id());
                        next = skippedUpTo(index, files, audio, notes, next);
                        audio.shortNote(done.track().audio()).ifPresent(notes);
                        float[][] own = new float[done.batch().rows()][];
                        System.arraycopy(out, row, own, 0, own.length);
                        row += own.length;
                        sink.accept(new FileOutputs(done.track().audio(), own));
                        read++;
                        next = index + 1;
                    }
                    progress.advance(pending.size());
                    pending.clear();
                    rows = 0;
                }
            }
        }
        skippedUpTo(files.size(), files, audio, notes, next);
        return new Counts(read, files.size() - read);
    }

    /** Notes the files from {@code from} up to {@code index} (excluded) as skipped; returns {@code index}. */
    private static int skippedUpTo(int index, List<Path> files, WatchedAudio audio, Consumer<String> notes,
                                   int from) {
        for (int i = from; i < index; i++) {
            notes.accept(audio.failure(files.get(i)) + "; skipped");
        }
        return index;
    }

    /** The decoder's audio, remembering why a file could not be read and which files are shorter than a chunk. */
    private static final class WatchedAudio implements PcmSource {
        private final PcmSource source;
        private final int chunkSamples;
        private final int sampleRate;
        private final Map<Path, String> failures = new ConcurrentHashMap<>();
        private final Map<Path, Integer> shortFiles = new ConcurrentHashMap<>();

        WatchedAudio(PcmSource source, int chunkSamples, int sampleRate) {
            this.source = source;
            this.chunkSamples = chunkSamples;
            this.sampleRate = sampleRate;
        }

        @Override
        public Pcm open(Path file) throws AudioException {
            try {
                Pcm pcm = source.open(file);
                if (pcm.length() < chunkSamples) {
                    shortFiles.put(file, pcm.length());
                }
                return pcm;
            } catch (AudioException e) {
                failures.put(file, e.getMessage());
                throw e;
            }
        }

        /** Why {@code file} could not be read (and forgets it). */
        String failure(Path file) {
            String reason = failures.remove(file);
            return reason != null ? reason : file + ": not readable";
        }

        /** The note that {@code file} was padded, if it was shorter than one chunk (and forgets it). */
        Optional<String> shortNote(Path file) {
            return Optional.ofNullable(shortFiles.remove(file)).map(n -> String.format(Locale.ROOT,
                    "%s: %.3f s is shorter than one chunk (%.3f s): padded with silence at the end, as in evaluation",
                    file, n / (double) sampleRate, chunkSamples / (double) sampleRate));
        }
    }
}
