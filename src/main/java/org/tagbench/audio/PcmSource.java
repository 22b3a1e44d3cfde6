package org.tagbench.audio;

import java.nio.file.Path;
import org.tagbench.config.PipelineConfig;

/** Where the pipeline gets a file's decoded audio: straight from the decoder, or from the {@link PcmCache}. */
public interface PcmSource {
    /** The decoded audio of {@code file}. */
    Pcm open(Path file) throws AudioException;

    /** A source that decodes {@code file} every time it is opened. */
    static PcmSource decoding(AudioDecoder decoder) {
        return file -> HeapPcm.of(decoder.decode(file));
    }

    /**
     * The source {@code pipeline} asks for at {@code note}'s rate: the PCM cache, or the decoder alone; the decoder
     * tells {@code note} each file's rate.
     */
    static PcmSource of(PipelineConfig pipeline, ResampleNote note) {
        return pipeline.pcmCache() ? PcmCache.of(pipeline, new AudioDecoder(note), note.rate())
                : decoding(new AudioDecoder(note));
    }
}
