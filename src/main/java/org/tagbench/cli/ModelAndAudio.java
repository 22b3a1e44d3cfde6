package org.tagbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tagbench.export.AudioFiles;
import org.tagbench.export.Tagger;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What {@code predict} and {@code embed} both take: a trained model (which the store may name) and audio files. */
final class ModelAndAudio {
    @Mixin
    private RunsCommand.Store store;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A run folder (results/<run id>) with a best"
            + " model, a run id from the store, a model bundle's folder, or a model.onnx from tagbench export.")
    private String model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "AUDIO",
            description = "Audio files (any format FFmpeg reads) or folders of them.")
    private List<Path> audio;

    /** The audio files given, folders walked; an error names what holds no audio. */
    List<Path> files() throws IOException {
        return AudioFiles.expand(audio, "AUDIO");
    }

    /** The model, ready to tag on all cores. */
    Tagger open() throws IOException {
        return Tagger.open(store.folderOf(model), "MODEL", Runtime.getRuntime().availableProcessors());
    }
}
