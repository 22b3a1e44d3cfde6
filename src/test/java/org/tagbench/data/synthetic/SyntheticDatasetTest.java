package org.tagbench.data.synthetic;

import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import org.tagbench.data.readers.TagTable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetTest {
    private static final SyntheticSpec SMALL = new SyntheticSpec(30, 2.0, 12000, 42);
    private static final FileTime LONG_AGO = FileTime.fromMillis(946_684_800_000L);

    @TempDir
    Path root;

    @Test
    void theIndexHasTheVocabularySplitsAndLabelsOfTheScores() {
        TrackIndex index = SyntheticDataset.ensure(root, SMALL);
        assertEquals(SyntheticDataset.TAGS, index.vocabulary().tags());
        assertEquals(12, index.vocabulary().size());
        assertEquals(List.of(18, 6, 6), Stream.of(Split.values()).map(s -> index.split(s).size()).toList());
        Path folder = root.resolve("v" + SyntheticDataset.GENERATOR_VERSION + "-30clips-2.0s-12000hz-seed42");
        for (int clip = 0; clip < SMALL.clips(); clip++) {
            Track track = index.tracks().get(clip);
            SyntheticScore score = SyntheticScore.draw(SMALL, clip);
            assertEquals(String.format("audio/clip-%04d", clip), track.id());
            assertEquals(folder.resolve(track.id() + ".wav"), track.audio());
            assertArrayEquals(score.labels(), track.labels());
            assertEquals(score.split(), track.split());
        }
    }

    @Test
    void theSameSpecGivesByteIdenticalFilesAndAnotherSeedDifferentOnes(@TempDir Path other) throws IOException {
        Path first = folder(SyntheticDataset.ensure(root, SMALL));
        Path second = folder(SyntheticDataset.ensure(other, SMALL));
        List<Path> files = files(first);
        assertEquals(SMALL.clips() + 1, files.size());
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)),
                    file.toString());
        }
        Path reseeded = folder(SyntheticDataset.ensure(root, new SyntheticSpec(30, 2.0, 12000, 43)));
        assertFalse(Files.readString(first.resolve(TagTable.FILE_NAME))
                .equals(Files.readString(reseeded.resolve(TagTable.FILE_NAME))));
        Path clip = Path.of(SyntheticDataset.clipId(0) + ".wav");
        assertFalse(Arrays.equals(Files.readAllBytes(first.resolve(clip)),
                Files.readAllBytes(reseeded.resolve(clip))));
    }

    @Test
    void aCompleteFolderIsReusedWithoutRewritingAnyFile() throws IOException {
        Path folder = folder(SyntheticDataset.ensure(root, SMALL));
        for (Path file : files(folder)) {
            Files.setLastModifiedTime(folder.resolve(file), LONG_AGO);
        }
        TrackIndex again = SyntheticDataset.ensure(root, SMALL);
        assertEquals(SMALL.clips(), again.tracks().size());
        for (Path file : files(folder)) {
            assertEquals(LONG_AGO, Files.getLastModifiedTime(folder.resolve(file)), file.toString());
        }
    }

    @Test
    void aFolderWithoutItsTableIsGeneratedAgain() throws IOException {
        Path folder = folder(SyntheticDataset.ensure(root, SMALL));
        Path table = folder.resolve(TagTable.FILE_NAME);
        Path clip = folder.resolve(SyntheticDataset.clipId(3) + ".wav");
        byte[] tableBytes = Files.readAllBytes(table);
        byte[] clipBytes = Files.readAllBytes(clip);
        Files.delete(table);
        Files.write(clip, new byte[] {1, 2, 3});
        SyntheticDataset.ensure(root, SMALL);
        assertArrayEquals(tableBytes, Files.readAllBytes(table));
        assertArrayEquals(clipBytes, Files.readAllBytes(clip));
        try (Stream<Path> leftovers = Files.walk(folder)) {
            assertEquals(List.of(), leftovers.filter(p -> p.toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void theWavFilesHoldTheRenderedMixAs16BitMonoPcm() throws Exception {
        TrackIndex index = SyntheticDataset.ensure(root, SMALL);
        int clip = 5;
        float[] mix = SyntheticAudio.render(SyntheticScore.draw(SMALL, clip), SMALL.sampleRate(), SMALL.clipSamples())
                .mix();
        try (InputStream in = Files.newInputStream(index.tracks().get(clip).audio());
             AudioInputStream audio = AudioSystem.getAudioInputStream(new BufferedInputStream(in))) {
            AudioFormat format = audio.getFormat();
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, format.getEncoding());
            assertEquals(16, format.getSampleSizeInBits());
            assertEquals(1, format.getChannels());
            assertEquals(12000f, format.getSampleRate());
            assertEquals(SMALL.clipSamples(), audio.getFrameLength());
            short[] pcm = samples(audio.readAllBytes(), format.isBigEndian());
            assertEquals(mix.length, pcm.length);
            for (int i = 0; i < mix.length; i++) {
                assertEquals(mix[i], pcm[i] / 32768.0, 1.0 / 32768, "sample " + i);
            }
        }
    }

    @Test
    void theFolderNameFingerprintsEveryFieldOfTheSpec() {
        String name = SyntheticDataset.folderName(SMALL);
        assertEquals("v" + SyntheticDataset.GENERATOR_VERSION + "-30clips-2.0s-12000hz-seed42", name);
        assertTrue(Stream.of(new SyntheticSpec(31, 2.0, 12000, 42), new SyntheticSpec(30, 2.5, 12000, 42),
                        new SyntheticSpec(30, 2.0, 16000, 42), new SyntheticSpec(30, 2.0, 12000, -42))
                .map(SyntheticDataset::folderName).noneMatch(name::equals));
    }

    private static Path folder(TrackIndex index) {
        return index.tracks().get(0).audio().getParent().getParent();
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
        }
    }

    private static short[] samples(byte[] bytes, boolean bigEndian) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[bytes.length / 2];
        buffer.asShortBuffer().get(samples);
        return samples;
    }
}
