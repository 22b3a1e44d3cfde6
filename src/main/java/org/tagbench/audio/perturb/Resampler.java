package org.tagbench.audio.perturb;

import static org.bytedeco.ffmpeg.global.avutil.AV_CH_LAYOUT_MONO;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_int;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.util.Arrays;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.tagbench.audio.AudioDecoder;

/**
 * Band-limited resampling by any real ratio on libswresample, with the filter {@code AudioDecoder} decodes with (a
 * 64-tap windowed sinc, flat to 0.97 of the lower Nyquist frequency). libswresample takes integer rates, so the ratio
 * becomes round(ratio 2^19) : 2^19 (within 1e-6 of it, two thousandths of a cent), and the filter's 1,024 phases are
 * interpolated linearly, as resampy reads its table.
 */
final class Resampler {
    // Below 2^30 / 1,024 phases: libswresample refuses a step (input rate x phases over output rate) it cannot hold
    // exactly in 30 bits.
    private static final int INPUT_RATE = 1 << 19;

    private Resampler() {
    }

    /**
     * {@code samples} resampled by {@code ratio} (output rate over input rate): ceil(n * ratio) samples, as
     * librosa.resample makes (and, as it does, the input itself at ratio 1).
     */
    static float[] resample(float[] samples, double ratio) {
        if (ratio == 1) {
            return samples.clone();
        }
        int outputRate = Math.toIntExact(Math.round(ratio * INPUT_RATE));
        SwrContext swr = swr_alloc_set_opts(null, AV_CH_LAYOUT_MONO, AV_SAMPLE_FMT_FLT, outputRate,
                AV_CH_LAYOUT_MONO, AV_SAMPLE_FMT_FLT, INPUT_RATE, 0, null);
        if (swr == null) {
            throw new IllegalStateException("libswresample cannot resample by " + ratio);
        }
        try {
            av_opt_set_int(swr, "filter_size", AudioDecoder.RESAMPLER_FILTER_SIZE, 0);
            av_opt_set_int(swr, "linear_interp", 1, 0);
            if (swr_init(swr) < 0) {
                throw new IllegalStateException("libswresample cannot resample by " + ratio);
            }
            return Arrays.copyOf(converted(swr, samples), (int) Math.ceil(samples.length * ratio));
        } finally {
            swr_free(swr);
        }
    }

    /** All that {@code swr} makes of {@code samples}, the filter's tail included. */
    private static float[] converted(SwrContext swr, float[] samples) {
        int room = swr_get_out_samples(swr, samples.length) + AudioDecoder.RESAMPLER_FILTER_SIZE;
        float[] result = new float[room];
        int made = 0;
        try (FloatPointer in = new FloatPointer(samples);
             FloatPointer out = new FloatPointer(room);
             PointerPointer<FloatPointer> inputs = new PointerPointer<FloatPointer>(1).put(0, in);
             PointerPointer<FloatPointer> outputs = new PointerPointer<FloatPointer>(1).put(0, out)) {
            // The samples, then empty calls that flush what is still inside the filter.
            for (int got = swr_convert(swr, outputs, room, inputs, samples.length); got != 0;
                 got = swr_convert(swr, outputs, room, (PointerPointer<?>) null, 0)) {
                if (got < 0) {
                    throw new IllegalStateException("libswresample failed on " + samples.length + " samples");
                }
                if (made + got > result.length) {
                    result = Arrays.copyOf(result, Math.max(2 * result.length, made + got));
                }
                out.get(result, made, got);
                made += got;
            }
        }
        return Arrays.copyOf(result, made);
    }
}
