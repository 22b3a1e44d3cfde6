package org.tagbench.data.synthetic;

import org.tagbench.config.SyntheticDifficulty;
import org.tagbench.data.Split;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SyntheticScoreTest {
    private static final SyntheticSpec QUICKSTART = new SyntheticSpec(300, 5.0, 12000, 42);

    private static List<SyntheticScore> scores(SyntheticSpec spec) {
        return IntStream.range(0, spec.clips()).mapToObj(c -> SyntheticScore.draw(spec, c)).toList();
    }

    @ParameterizedTest
    @ValueSource(longs = {42, 7, -3})
    void everyTagHasPositivesInEverySplitOfTheQuickstartSize(long seed) {
        SyntheticSpec spec = new SyntheticSpec(300, 5.0, 12000, seed);
        for (Split split : Split.values()) {
            int[] positives = new int[SyntheticDataset.TAGS.size()];
            scores(spec).stream().filter(s -> s.split() == split).forEach(s -> {
                boolean[] labels = s.labels();
                for (int t = 0; t < labels.length; t++) {
                    positives[t] += labels[t] ? 1 : 0;
                }
            });
            for (int t = 0; t < positives.length; t++) {
                assertTrue(positives[t] >= 5, SyntheticDataset.TAGS.get(t) + " has " + positives[t]
                        + " positives in " + split.label());
            }
        }
    }

    @Test
    void splitsAreSixtyTwentyTwentyByClipNumber() {
        List<SyntheticScore> scores = scores(QUICKSTART);
        assertEquals(List.of(180L, 60L, 60L), List.of(Split.values()).stream()
                .map(split -> scores.stream().filter(s -> s.split() == split).count()).toList());
        assertEquals(Split.TRAIN, scores.get(179).split());
        assertEquals(Split.VALID, scores.get(180).split());
        assertEquals(Split.TEST, scores.get(240).split());
    }

    @Test
    void everyClipHasOneTempoAndOneToFourForegroundVoices() {
        int fast = SyntheticDataset.TAGS.indexOf("fast");
        int slow = SyntheticDataset.TAGS.indexOf("slow");
        for (SyntheticScore score : scores(QUICKSTART)) {
            boolean[] labels = score.labels();
            assertTrue(labels[fast] != labels[slow], "clip " + score.clip());
            assertEquals(labels[fast], score.tempo() == SyntheticTempo.FAST);
            long voices = score.parts().stream().filter(p -> !p.voice().background()).count();
            assertTrue(voices >= 1 && voices <= SyntheticScore.MAX_VOICES, "clip " + score.clip() + ": " + voices);
            assertEquals(voices + (labels[SyntheticDataset.TAGS.indexOf("noisy")] ? 1 : 0), score.parts().size());
        }
    }

    @Test
    void notesFallOnTheTempoGridAndInTheVoicesRegister() {
        for (SyntheticScore score : scores(QUICKSTART)) {
            assertTrue(score.rate() >= score.tempo().minRate() && score.rate() <= score.tempo().maxRate());
            for (SyntheticPart part : score.parts()) {
                List<SyntheticNote> notes = part.notes();
                assertEquals(part.voice().background(), notes.isEmpty());
                for (int i = 1; i < notes.size(); i++) {
                    assertEquals(1 / score.rate(), notes.get(i).start() - notes.get(i - 1).start(), 1e-9);
                    assertTrue(notes.get(i - 1).duration() <= SyntheticScore.GATE / score.rate() + 1e-12);
                    if (part.voice().pitched()) {
                        assertNotEquals(notes.get(i - 1).frequency(), notes.get(i).frequency(), "repeated pitch");
                    }
                }
                for (SyntheticNote note : notes) {
                    assertTrue(note.start() + note.duration() <= QUICKSTART.clipSeconds() + 1e-12);
                    if (part.voice().pitched()) {
                        assertTrue(note.frequency() >= SyntheticScale.hertz(part.voice().lowMidi()) - 1e-9
                                && note.frequency() <= SyntheticScale.hertz(part.voice().highMidi()) + 1e-9,
                                part.voice() + " at " + note.frequency() + " Hz");
                    }
                }
            }
        }
    }

    @Test
    void theSameSeedAndClipGiveTheSameScoreAndAnotherSeedAnother() {
        assertEquals(SyntheticScore.draw(QUICKSTART, 17), SyntheticScore.draw(QUICKSTART, 17));
        assertNotEquals(SyntheticScore.draw(QUICKSTART, 17),
                SyntheticScore.draw(new SyntheticSpec(300, 5.0, 12000, 43), 17));
    }

    @Test
    void scalesHoldSevenNotesPerOctave() {
        double[] cMajor = new SyntheticScale(0, false).frequencies(60, 72);
        assertEquals(8, cMajor.length);
        assertEquals(261.6256, cMajor[0], 1e-3);
        assertEquals(329.6276, cMajor[2], 1e-3);
        double[] aMinor = new SyntheticScale(9, true).frequencies(57, 69);
        assertEquals(220.0, aMinor[0], 1e-9);
        assertEquals(261.6256, aMinor[2], 1e-3);
    }

    @Test
    void hardClipsCarryTheirModeAndTwoToSixVoicesAtLevelsSpreadOver24Db() {
        SyntheticSpec hard = new SyntheticSpec(600, 3.0, 12000, 5, SyntheticDifficulty.HARD);
        List<String> tags = SyntheticDataset.tags(SyntheticDifficulty.HARD);
        assertEquals(SyntheticDataset.TAGS, tags.subList(0, 12));
        assertEquals(List.of("major", "minor"), tags.subList(12, 14));
        double quietest = 1;
        for (SyntheticScore score : scores(hard)) {
            boolean[] labels = score.labels();
            assertEquals(14, labels.length);
            assertTrue(labels[12] != labels[13], "clip " + score.clip() + " has one mode");
            assertEquals(score.scale().minor(), labels[13], "clip " + score.clip());
            long voices = score.parts().stream().filter(p -> !p.voice().background()).count();
            assertTrue(voices >= 2 && voices <= 6, "clip " + score.clip() + ": " + voices);
            assertTrue(score.level() <= 1 && score.level() >= Math.pow(10, -24 / 20.0), "level " + score.level());
            quietest = Math.min(quietest, score.level());
            double rate = score.rate();
            assertTrue(score.tempo() == SyntheticTempo.FAST ? rate >= 2.5 && rate <= 6 : rate >= 1 && rate <= 2.2,
                    score.tempo() + " at " + rate);
        }
        assertTrue(quietest < Math.pow(10, -20 / 20.0), "600 clips reach below -20 dB: " + quietest);
        for (Split split : Split.values()) {
            int[] positives = new int[tags.size()];
            scores(hard).stream().filter(s -> s.split() == split).forEach(s -> {
                boolean[] labels = s.labels();
                for (int t = 0; t < labels.length; t++) {
                    positives[t] += labels[t] ? 1 : 0;
                }
            });
            for (int t = 0; t < positives.length; t++) {
                assertTrue(positives[t] >= 5, tags.get(t) + " has " + positives[t] + " positives in " + split.label());
            }
        }
    }

    @Test
    void standardScoresDrawNothingTheHardSetAdds() {
        for (SyntheticScore score : scores(QUICKSTART)) {
            assertEquals(1.0, score.level());
            assertEquals(SyntheticDataset.TAGS, score.vocabulary());
        }
    }
}
