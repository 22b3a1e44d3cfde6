package org.tagbench.data;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tagbench.audio.AudioException;
import org.tagbench.audio.PcmSource;
import org.tagbench.progress.Progress;

/**
 * One pass over every track of a dataset that opens its audio through a {@link PcmSource} (the decoder for
 * {@code data check}, the PCM cache for {@code data cache}) on worker threads, and reports per split what was
 * found, missing and unreadable, how long the usable tracks are and how many carry each tag.
 */
public final class DatasetScan {
    private final PcmSource source;
    private final int sampleRate;
    private final int threads;

    /** A scan opening audio from {@code source} (delivering {@code sampleRate} Hz) on {@code threads} workers. */
    public DatasetScan(PcmSource source, int sampleRate, int threads) {
        this.source = source;
        this.sampleRate = sampleRate;
        this.threads = threads;
    }

    /** Opens every track of {@code index}, with a progress bar labelled {@code label}. */
    public DatasetReport run(TrackIndex index, String label) {
        List<Track> tracks = index.tracks();
        TrackOutcome[] outcomes = new TrackOutcome[tracks.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Progress progress = Progress.start(label, tracks.size(), "tracks")) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < tracks.size(); i++) {
                int at = i;
                done.add(pool.submit(() -> {
                    outcomes[at] = open(tracks.get(at));
                    progress.step();
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning the dataset", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("scanning the dataset failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return report(index.vocabulary(), Arrays.asList(outcomes));
    }

    private TrackOutcome open(Track track) {
        if (!Files.isRegularFile(track.audio())) {
            return new TrackOutcome(track, -1, "file not found", true);
        }
        try {
            return new TrackOutcome(track, source.open(track.audio()).length(), null, false);
        } catch (AudioException e) {
            return new TrackOutcome(track, -1, e.getMessage(), false);
        }
    }

    private DatasetReport report(TagVocabulary vocabulary, List<TrackOutcome> outcomes) {
        Map<String, DatasetReport.SplitReport> splits = new LinkedHashMap<>();
        List<DatasetReport.BadTrack> bad = new ArrayList<>();
        for (Split split : Split.values()) {
            List<TrackOutcome> mine = outcomes.stream().filter(o -> o.track().split() == split).toList();
            int missing = 0;
            int unreadable = 0;
            int[] positives = new int[vocabulary.size()];
            List<Double> seconds = new ArrayList<>();
            for (TrackOutcome o : mine) {
                if (o.problem() == null) {
                    seconds.add(o.samples() / (double) sampleRate);
                    for (int j = 0; j < positives.length; j++) {
                        positives[j] += o.track().hasTag(j) ? 1 : 0;
                    }
                    continue;
                }
                boolean absent = o.missing();
                missing += absent ? 1 : 0;
                unreadable += absent ? 0 : 1;
                bad.add(new DatasetReport.BadTrack(split.label(), o.track().id(), o.track().audio().toString(),
                        absent ? "missing" : "unreadable", o.problem()));
            }
            Map<String, Integer> perTag = new LinkedHashMap<>();
            List<String> without = new ArrayList<>();
            for (int j = 0; j < positives.length; j++) {
                perTag.put(vocabulary.tag(j), positives[j]);
                if (positives[j] == 0) {
                    without.add(vocabulary.tag(j));
                }
            }
            splits.put(split.label(), new DatasetReport.SplitReport(mine.size(), mine.size() - missing, missing,
                    unreadable, seconds.size(), DatasetReport.Durations.of(seconds), perTag, without));
        }
        return new DatasetReport(splits, bad);
    }

    /** What opening one track gave: its length in samples, or the problem (null when usable). */
    private record TrackOutcome(Track track, int samples, String problem, boolean missing) {
    }
}
