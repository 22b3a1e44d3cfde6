package org.tagbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.Pcm;
import org.tagbench.audio.PcmSource;
import org.tagbench.audio.AudioException;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.FileFailure;
import org.tagbench.files.NpyMatrix;
import org.tagbench.frontend.MelSpectrogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tagbench mel AUDIO --out FILE.npy}: the log-mel spectrogram of one file, for inspection and cross-checks,
 * computed from the audio as the training pipeline holds it (rounded to 16-bit samples), so it is what the network
 * sees.
 */
@Command(name = "mel", mixinStandardHelpOptions = true,
        description = "Write the log-mel spectrogram of AUDIO as a float32 NumPy array of shape [n_mels, frames].")
final class MelCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "AUDIO", description = "Audio file (any format FFmpeg reads).")
    private Path audio;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "Where to write the array.")
    private Path out;

    @Option(names = "--config", paramLabel = "C", description = "Take the features section of this experiment config.")
    private Path config;

    @Option(names = "--sr", paramLabel = "N", description = "features.sample_rate (audio at another rate is resampled).")
    private String sampleRate;
    @Option(names = "--n-fft", paramLabel = "N", description = "features.n_fft")
    private String nFft;
    @Option(names = "--hop", paramLabel = "N", description = "features.hop_length")
    private String hop;
    @Option(names = "--n-mels", paramLabel = "N", description = "features.n_mels")
    private String nMels;
    @Option(names = "--fmin", paramLabel = "F", description = "features.fmin")
    private String fmin;
    @Option(names = "--fmax", paramLabel = "F", description = "features.fmax")
    private String fmax;
    @Option(names = "--power", paramLabel = "P", description = "features.power: 2 or 1")
    private String power;
    @Option(names = "--mel-scale", paramLabel = "slaney|htk", description = "features.mel_scale")
    private String melScale;
    @Option(names = "--norm", paramLabel = "slaney|none", description = "features.norm")
    private String norm;
    @Option(names = "--pad-mode", paramLabel = "reflect|constant", description = "features.pad_mode")
    private String padMode;
    @Option(names = "--center", paramLabel = "true|false", description = "features.center")
    private String center;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !Files.isRegularFile(out)) {
            // The file is replaced by a rename, which would replace a folder or a device as well.
            throw new ConfigException("--out", out + " is not a file (expected the path of the .npy file to write)");
        }
        FeatureConfig features = ConfigLoader.features(config, overrides());
        // Through the pipeline's own source, so the samples sit on the 16-bit grid the network is fed from.
        Pcm decoded = PcmSource.decoding(new AudioDecoder(features.sampleRate())).open(audio);
        float[] pcm = decoded.chunk(0, decoded.length());
        MelSpectrogram spectrogram = new MelSpectrogram(features);
        if (spectrogram.frames(pcm.length) < 1) {
            throw new AudioException(audio, String.format(Locale.ROOT, "%d samples at %d Hz (%.3f s) are fewer than "
                    + "n_fft %d with center false: no frame fits (expected at least %d samples, or --center true)",
                    pcm.length, features.sampleRate(), pcm.length / (double) features.sampleRate(), features.nFft(),
                    features.nFft()));
        }
        float[] mel = spectrogram.compute(pcm);
        int frames = mel.length / features.nMels();
        byte[] npy = NpyMatrix.float32(mel, features.nMels(), frames);
        try {
            AtomicFile.write(out, stream -> stream.write(npy));
        } catch (IOException e) {
            throw FileFailure.naming(out, e);
        }
        System.out.printf("%s: %d mel bands x %d frames at %d Hz -> %s%n", audio, features.nMels(), frames,
                features.sampleRate(), out);
        return 0;
    }

    private List<String> overrides() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("sample_rate", sampleRate);
        keys.put("n_fft", nFft);
        keys.put("hop_length", hop);
        keys.put("n_mels", nMels);
        keys.put("fmin", fmin);
        keys.put("fmax", fmax);
        keys.put("power", power);
        keys.put("mel_scale", melScale);
        keys.put("norm", norm);
        keys.put("pad_mode", padMode);
        keys.put("center", center);
        List<String> overrides = new ArrayList<>();
        keys.forEach((key, value) -> {
            if (value != null) {
                overrides.add("features." + key + "=" + value);
            }
        });
        return overrides;
    }
}
