package org.tagbench.audio.perturb;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_LAYOUT_MONO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * An MP3 round trip at {@code kbps} constant bit rate: the clip encoded by FFmpeg's libmp3lame (LAME's default
 * quality, as {@code ffmpeg -c:a libmp3lame -b:a Nk}) and decoded by FFmpeg's mp3 decoder, in memory. The encoder
 * tags its first and last packets with the samples to skip (its delay, the last frame's padding) and the decoder
 * drops them, so the result lines up with the input sample for sample and has its length.
 */
public record Mp3Codec(int kbps) implements Perturbation {
    /** Bit rates of MPEG-1 Layer III (sample rates 32, 44.1, 48 kHz). */
    private static final int[] MPEG1_KBPS = {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    /** Bit rates of MPEG-2 and 2.5 Layer III (8 to 24 kHz). */
    private static final int[] MPEG2_KBPS = {8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
    /** The sample rates MP3 knows. */
    private static final int[] SAMPLE_RATES = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};

    static {
        av_log_set_level(AV_LOG_QUIET); // failures reach the caller as exceptions, not as FFmpeg's stderr lines
    }

    /**
     * Why {@code kbps} at {@code sampleRate} Hz is no MP3 stream, or null when it is one: MPEG-1 rates (32 to
     * 320 kbps) above 24 kHz, MPEG-2/2.5 rates (8 to 160 kbps) at 8 to 24 kHz.
     */
    public static String problem(int kbps, int sampleRate) {
        if (Arrays.stream(SAMPLE_RATES).noneMatch(rate -> rate == sampleRate)) {
            return "MP3 has no sample rate " + sampleRate + " Hz (it has " + list(SAMPLE_RATES) + ")";
        }
        int[] rates = sampleRate >= 32000 ? MPEG1_KBPS : MPEG2_KBPS;
        if (Arrays.stream(rates).noneMatch(rate -> rate == kbps)) {
            return String.format(Locale.ROOT, "%d kbps is not an MP3 bit rate at %d Hz (expected one of %s)",
                    kbps, sampleRate, list(rates));
        }
        return null;
    }

    @Override
    public float[] apply(float[] samples, int sampleRate) {
        String problem = problem(kbps, sampleRate);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        AVCodecContext encoder = openEncoder(sampleRate);
        AVCodecContext decoder = openDecoder(sampleRate);
        AVPacket packet = av_packet_alloc();
        AVFrame decoded = av_frame_alloc();
        try {
            Output output = new Output(samples.length);
            int frameSize = encoder.frame_size();
            for (int offset = 0; offset < samples.length; offset += frameSize) {
                int n = Math.min(frameSize, samples.length - offset);
                encode(encoder, frame(samples, offset, n, sampleRate), decoder, packet, decoded, output);
            }
            encode(encoder, null, decoder, packet, decoded, output);
            check(avcodec_send_packet(decoder, null), "flush the MP3 decoder");
            receive(decoder, decoded, output);
            return output.samples();
        } finally {
            av_frame_free(decoded);
            av_packet_free(packet);
            avcodec_free_context(decoder);
            avcodec_free_context(encoder);
        }
    }

    private AVCodecContext openEncoder(int sampleRate) {
        AVCodec codec = avcodec_find_encoder_by_name("libmp3lame");
        if (codec == null) {
            throw new IllegalStateException("this FFmpeg build has no libmp3lame encoder");
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        context.sample_rate(sampleRate);
        context.channels(1);
        context.channel_layout(AV_CH_LAYOUT_MONO);
        context.sample_fmt(AV_SAMPLE_FMT_FLTP);
        context.bit_rate(kbps * 1000L);
        check(avcodec_open2(context, codec, (AVDictionary) null), "open libmp3lame at " + kbps + " kbps");
        return context;
    }

    private static AVCodecContext openDecoder(int sampleRate) {
        AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_MP3);
        AVCodecContext context = avcodec_alloc_context3(codec);
        context.sample_rate(sampleRate);
        context.channels(1);
        context.channel_layout(AV_CH_LAYOUT_MONO);
        check(avcodec_open2(context, codec, (AVDictionary) null), "open the MP3 decoder");
        return context;
    }

    /** A planar float frame holding samples [offset, offset + n). */
    private static AVFrame frame(float[] samples, int offset, int n, int sampleRate) {
        AVFrame frame = av_frame_alloc();
        frame.nb_samples(n);
        frame.format(AV_SAMPLE_FMT_FLTP);
        frame.channels(1);
        frame.channel_layout(AV_CH_LAYOUT_MONO);
        frame.sample_rate(sampleRate);
        check(av_frame_get_buffer(frame, 0), "allocate an audio frame");
        new FloatPointer(frame.data(0)).put(samples, offset, n);
        return frame;
    }

    /** Sends one frame (null: the end) to the encoder and every packet it makes straight on to the decoder. */
    private static void encode(AVCodecContext encoder, AVFrame frame, AVCodecContext decoder, AVPacket packet,
                               AVFrame decoded, Output output) {
        try {
            check(avcodec_send_frame(encoder, frame), "encode MP3");
        } finally {
            if (frame != null) {
                av_frame_free(frame);
            }
        }
        while (avcodec_receive_packet(encoder, packet) >= 0) {
            try {
                check(avcodec_send_packet(decoder, packet), "decode MP3");
            } finally {
                av_packet_unref(packet);
            }
            receive(decoder, decoded, output);
        }
    }

    private static void receive(AVCodecContext decoder, AVFrame decoded, Output output) {
        while (avcodec_receive_frame(decoder, decoded) >= 0) {
            output.append(new FloatPointer(decoded.data(0)), decoded.nb_samples());
        }
    }

    private static void check(int code, String what) {
        if (code < 0) {
            throw new IllegalStateException("cannot " + what + " (FFmpeg error " + code + ")");
        }
    }

    private static String list(int[] values) {
        return IntStream.of(values).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    /** The decoded samples up to the input's length (zeros should the decoder deliver fewer). */
    private static final class Output {
        private final float[] samples;
        private int size;

        Output(int length) {
            this.samples = new float[length];
        }

        void append(FloatPointer data, int n) {
            int count = Math.min(n, samples.length - size);
            if (count > 0) {
                data.get(samples, size, count);
                size += count;
            }
        }

        float[] samples() {
            return samples;
        }
    }
}
