package org.tagbench.audio;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tagbench.config.PipelineConfig;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.CacheFolder;

/**
 * Decoded, resampled audio stored once per audio file and sample rate as 16-bit PCM, so that compressed files
 * are decoded once rather than every epoch. An entry is named after the file's absolute path, size and
 * modification time (a changed file is decoded again) and written through a temp file and a rename, so an
 * interrupted build leaves whole entries or none and is resumed by running again. Reads fetch only the samples a
 * chunk needs, with positional reads rather than memory maps: a run over 200k tracks would otherwise hold more
 * maps than Linux allows a process, since Java unmaps a buffer only when the garbage collector frees it.
 */
public final class PcmCache implements PcmSource {
    private static final Logger LOG = LoggerFactory.getLogger(PcmCache.class);
    private static final byte[] MAGIC = "tbpcm v1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = MAGIC.length + 2 * Integer.BYTES;
    private static final int KEY_HEX_DIGITS = 32;

    private final Path folder;
    private final AudioDecoder decoder;
    private final int sampleRate;
    private final AtomicBoolean warnedUnwritable = new AtomicBoolean();

    /** A cache under {@code cacheDir} for audio decoded by {@code decoder} at {@code sampleRate} Hz. */
    public PcmCache(Path cacheDir, AudioDecoder decoder, int sampleRate) {
        this.folder = cacheDir.resolve("pcm-v1-" + sampleRate + "hz");
        this.decoder = decoder;
        this.sampleRate = sampleRate;
    }

    /** The cache {@code pipeline} names ({@code cache_dir}, else tagbench's cache folder) at {@code sampleRate} Hz. */
    public static PcmCache of(PipelineConfig pipeline, int sampleRate) {
        return of(pipeline, new AudioDecoder(sampleRate), sampleRate);
    }

    /** The cache {@code pipeline} names at {@code sampleRate} Hz, filled by {@code decoder} (of that rate). */
    public static PcmCache of(PipelineConfig pipeline, AudioDecoder decoder, int sampleRate) {
        Path root = pipeline.cacheDir() != null ? pipeline.cacheDir() : CacheFolder.root();
        return new PcmCache(root, decoder, sampleRate);
    }

    /** The folder holding this sample rate's entries. */
    public Path folder() {
        return folder;
    }

    /** The cached audio of {@code file}, decoding and storing it first when it is not cached yet. */
    @Override
    public Pcm open(Path file) throws AudioException {
        Path entry = entry(file);
        CachedPcm cached = read(entry);
        if (cached != null) {
            return cached;
        }
        HeapPcm decoded = HeapPcm.of(decoder.decode(file));
        write(entry, decoded);
        return decoded;
    }

    /** Whether {@code file} has a whole entry (a missing file has none). */
    public boolean contains(Path file) {
        try {
            return read(entry(file)) != null;
        } catch (AudioException e) {
            return false;
        }
    }

    private Path entry(Path file) throws AudioException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new AudioException(file, "file not found");
        } catch (IOException e) {
            throw new AudioException(file, "cannot read: " + e.getMessage());
        }
        String identity = file.toAbsolutePath().normalize() + "\n" + attributes.size() + "\n"
                + attributes.lastModifiedTime().toMillis();
        String key = sha256(identity).substring(0, KEY_HEX_DIGITS);
        return folder.resolve(key.substring(0, 2)).resolve(key + ".pcm");
    }

    /** The entry's audio, or null when there is no whole entry (absent, or not written by this version). */
    private CachedPcm read(Path entry) {
        try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 0);
            header.flip();
            if (header.remaining() < HEADER_BYTES) {
                return null;
            }
            byte[] magic = new byte[MAGIC.length];
            header.get(magic);
            int rate = header.getInt();
            int samples = header.getInt();
            boolean whole = Arrays.equals(magic, MAGIC) && rate == sampleRate && samples >= 0
                    && channel.size() == HEADER_BYTES + 2L * samples;
            return whole ? new CachedPcm(entry, samples) : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("PCM cache entry {} unreadable ({}); decoding again", entry, e.getMessage());
            return null;
        }
    }

    private void write(Path entry, HeapPcm pcm) {
        short[] samples = pcm.samples();
        try {
            AtomicFile.write(entry, out -> {
                ByteBuffer bytes = ByteBuffer.allocate(HEADER_BYTES + 2 * samples.length)
                        .order(ByteOrder.LITTLE_ENDIAN);
                bytes.put(MAGIC).putInt(sampleRate).putInt(samples.length);
                bytes.asShortBuffer().put(samples);
                new DataOutputStream(out).write(bytes.array());
            });
        } catch (IOException e) {
            // A full disk must not stop a run: the audio is still used, only not kept.
            if (warnedUnwritable.compareAndSet(false, true)) {
                LOG.warn("cannot write the PCM cache under {} ({}); going on without caching", folder, e.getMessage());
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** One cache entry, read a chunk at a time. */
    private record CachedPcm(Path entry, int length) implements Pcm {
        @Override
        public float[] chunk(int offset, int n) throws AudioException {
            float[] out = new float[n];
            int first = Math.max(0, offset);
            int end = Math.min(length, offset + n);
            if (end <= first) {
                return out;
            }
            ByteBuffer bytes = ByteBuffer.allocate(2 * (end - first)).order(ByteOrder.LITTLE_ENDIAN);
            try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.READ)) {
                long position = HEADER_BYTES + 2L * first;
                while (bytes.hasRemaining()) {
                    if (channel.read(bytes, position + bytes.position()) < 0) {
                        throw new AudioException(entry, "PCM cache entry ends early");
                    }
                }
            } catch (IOException e) {
                throw new AudioException(entry, "cannot read PCM cache entry: " + e.getMessage());
            }
            bytes.flip();
            for (int i = first; i < end; i++) {
                out[i - offset] = Pcm.dequantize(bytes.getShort());
            }
            return out;
        }
    }
}
