package org.tagbench.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.files.AtomicFile;

/** The PCM cache stores what the decoder gives, once, and never serves a partial or stale entry. */
class PcmCacheTest {
    private static final int RATE = 8000;

    @TempDir
    Path dir;

    private final AudioDecoder decoder = new AudioDecoder(RATE);

    @Test
    void cachedAudioEqualsTheDecodedAudioOnThe16BitGrid() throws Exception {
        Path mp3 = resource("sine440.mp3");
        float[] decoded = decoder.decode(mp3);
        PcmCache cache = new PcmCache(dir, decoder, RATE);

        Pcm first = cache.open(mp3);
        Pcm second = cache.open(mp3);

        assertTrue(first instanceof HeapPcm, "first open decodes");
        assertFalse(second instanceof HeapPcm, "second open reads the cache");
        assertEquals(decoded.length, second.length());
        float[] whole = second.chunk(0, decoded.length);
        for (int i = 0; i < decoded.length; i++) {
            assertEquals(Pcm.dequantize(Pcm.quantize(decoded[i])), whole[i], 0f, "sample " + i);
            assertEquals(decoded[i], whole[i], 0.5f / 32768, "sample " + i);
        }
        assertArrayEquals(first.chunk(100, 50), second.chunk(100, 50));
    }

    @Test
    void chunksPastTheEndAreZeroPadded() throws Exception {
        PcmCache cache = new PcmCache(dir, decoder, RATE);
        Path wav = resource("sine440-s24.wav");
        cache.open(wav);
        Pcm pcm = cache.open(wav);
        float[] whole = pcm.chunk(0, pcm.length());

        float[] tail = pcm.chunk(pcm.length() - 3, 8);

        assertArrayEquals(new float[] {whole[pcm.length() - 3], whole[pcm.length() - 2], whole[pcm.length() - 1],
                0, 0, 0, 0, 0}, tail);
    }

    @Test
    void aFileIsDecodedOnceAndAgainOnlyWhenItChanges() throws Exception {
        Path wav = dir.resolve("a.wav");
        Files.copy(resource("sine440-f32.wav"), wav);
        PcmCache cache = new PcmCache(dir.resolve("cache"), decoder, RATE);

        assertTrue(cache.open(wav) instanceof HeapPcm, "decoded");
        assertTrue(cache.contains(wav));
        assertFalse(cache.open(wav) instanceof HeapPcm, "served from the cache");

        Files.setLastModifiedTime(wav, FileTime.fromMillis(Files.getLastModifiedTime(wav).toMillis() - 60_000));
        assertFalse(cache.contains(wav), "a file with another modification time is another entry");
        assertTrue(cache.open(wav) instanceof HeapPcm, "decoded again");
        assertEquals(2, entries(dir.resolve("cache")).size());
    }

    @Test
    void aCutShortEntryIsNotServedButRebuilt() throws Exception {
        Path wav = resource("sine440-s32.wav");
        PcmCache cache = new PcmCache(dir, decoder, RATE);
        cache.open(wav);
        Path entry = onlyEntry();
        byte[] whole = Files.readAllBytes(entry);
        Files.write(entry, Arrays.copyOf(whole, whole.length - 10));

        assertFalse(cache.contains(wav));
        Pcm rebuilt = cache.open(wav);

        assertTrue(rebuilt instanceof HeapPcm, "a cut-short entry is decoded again");
        assertArrayEquals(whole, Files.readAllBytes(entry));
    }

    @Test
    void missingAndUnreadableFilesAreAudioErrorsAndLeaveNoEntry() throws IOException {
        PcmCache cache = new PcmCache(dir.resolve("cache"), decoder, RATE);
        Path text = dir.resolve("text.mp3");
        AtomicFile.write(text, out -> out.write("not audio".getBytes()));

        AudioException missing = assertThrows(AudioException.class, () -> cache.open(dir.resolve("gone.mp3")));
        assertEquals(dir.resolve("gone.mp3") + ": file not found", missing.getMessage());
        AudioException unreadable = assertThrows(AudioException.class, () -> cache.open(text));
        assertTrue(unreadable.getMessage().startsWith(text + ": "), unreadable.getMessage());
        assertFalse(Files.exists(cache.folder()) && entries(cache.folder()).size() > 0);
    }

    private Path onlyEntry() throws IOException {
        List<Path> entries = entries(dir);
        assertEquals(1, entries.size(), entries.toString());
        return entries.get(0);
    }

    private static List<Path> entries(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".pcm")).toList();
        }
    }

    private static Path resource(String name) {
        return Path.of("src/test/resources/audio", name);
    }
}
