package org.tagbench.audio;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.AV_CH_LAYOUT_MONO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_channel_layout_nb_channels;
import static org.bytedeco.ffmpeg.global.avutil.av_get_default_channel_layout;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_int;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;
import static org.bytedeco.ffmpeg.global.swresample.swr_set_matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes any audio FFmpeg reads (mp3, ogg/vorbis, flac, wav of any sample format, m4a/aac, …) to mono float32
 * at one sample rate. Channels are averaged and the rate converted by libswresample with a 64-tap windowed-sinc
 * filter (FFmpeg's default is 32), so that the pass band is flat to 0.97 of the lower Nyquist frequency.
 */
public final class AudioDecoder {
    /** Taps of libswresample's windowed-sinc filter, here and in the pitch shift's resampling. */
    public static final int RESAMPLER_FILTER_SIZE = 64;
    /** Decoders drop a little at the edges (codec priming, padding): only a clear shortfall is truncation. */
    private static final double TRUNCATED_FRACTION = 0.9;
    private static final long UNKNOWN_WAV_DATA_SIZE = 0xFFFFFFFFL;

    static {
        // Problems reach the user as AudioException lines; FFmpeg's own stderr chatter would interleave with them.
        av_log_set_level(AV_LOG_QUIET);
    }

    private final int sampleRate;
    private final ResampleNote note;

    /** A decoder that delivers audio at {@code sampleRate} Hz. */
    public AudioDecoder(int sampleRate) {
        this(sampleRate, null);
    }

    /** A decoder that delivers audio at {@code note}'s rate and tells {@code note} each file's own rate. */
    public AudioDecoder(ResampleNote note) {
        this(note.rate(), note);
    }

    private AudioDecoder(int sampleRate, ResampleNote note) {
        this.sampleRate = sampleRate;
        this.note = note;
    }

    /** Decodes the whole file to mono samples at this decoder's rate. */
    public float[] decode(Path file) throws AudioException {
        if (!Files.exists(file)) {
            throw new AudioException(file, "file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new AudioException(file, "not a regular file");
        }
        AVFormatContext format = new AVFormatContext(null);
        check(file, avformat_open_input(format, file.toString(), null, null), "not a readable audio file");
        try {
            check(file, avformat_find_stream_info(format, (PointerPointer<?>) null), "not a readable audio file");
            int stream = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (stream < 0) {
                throw new AudioException(file, "no audio stream");
            }
            Decoded decoded = decodeStream(file, format, stream);
            float[] samples = decoded.samples();
            if (samples.length == 0) {
                throw new AudioException(file, "no audio samples");
            }
            if ("wav".equals(format.iformat().name().getString())) {
                checkCompleteWav(file, decoded.sourceFrames());
            } else {
                checkComplete(file, format, samples.length / (double) sampleRate);
            }
            if (note != null) {
                note.heard(file, decoded.sourceRate());
            }
            return samples;
        } finally {
            avformat_close_input(format);
        }
    }

    /** Every packet of the stream decoded, mixed down and resampled, the resampler's filter drained at the end. */
    private Decoded decodeStream(Path file, AVFormatContext format, int stream) throws AudioException {
        AVCodecParameters parameters = format.streams(stream).codecpar();
        AVCodec codec = avcodec_find_decoder(parameters.codec_id());
        if (codec == null) {
            throw new AudioException(file, "no decoder for codec " + avcodec_get_name(parameters.codec_id()).getString());
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        SwrContext resampler = null;
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            check(file, avcodec_parameters_to_context(context, parameters), "unsupported stream");
            check(file, avcodec_open2(context, codec, (AVDictionary) null), "cannot open decoder");
            resampler = resampler(file, context);
            FrameShape shape = new FrameShape(channelCount(context), context.sample_rate(), context.sample_fmt());
            try (Samples samples = new Samples()) {
                while (av_read_frame(format, packet) >= 0) {
                    try {
                        // A damaged packet is dropped, as FFmpeg's command line does; what decodes is kept.
                        if (packet.stream_index() == stream && avcodec_send_packet(context, packet) >= 0) {
                            receiveFrames(context, frame, resampler, shape, samples);
                        }
                    } finally {
                        av_packet_unref(packet);
                    }
                }
                avcodec_send_packet(context, null);
                receiveFrames(context, frame, resampler, shape, samples);
                samples.drain(resampler);
                return new Decoded(samples.toArray(), samples.sourceFrames(), context.sample_rate());
            }
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            if (resampler != null) {
                swr_free(resampler);
            }
            avcodec_free_context(context);
        }
    }

    private SwrContext resampler(Path file, AVCodecContext context) throws AudioException {
        long layout = inputLayout(context);
        SwrContext swr = swr_alloc_set_opts(null, AV_CH_LAYOUT_MONO, AV_SAMPLE_FMT_FLT, sampleRate,
                layout, context.sample_fmt(), context.sample_rate(), 0, null);
        if (swr == null) {
            throw new AudioException(file, "cannot convert " + context.channels() + " channels at "
                    + context.sample_rate() + " Hz");
        }
        av_opt_set_int(swr, "filter_size", RESAMPLER_FILTER_SIZE, 0);
        // Mono is the plain mean of the channels, as librosa.to_mono (FFmpeg's default weighs stereo by 1/sqrt 2).
        int channels = channelCount(context);
        double[] mean = new double[channels];
        Arrays.fill(mean, 1.0 / channels);
        try (DoublePointer matrix = new DoublePointer(mean)) {
            check(file, swr_set_matrix(swr, matrix, channels), "cannot mix its channels");
        }
        check(file, swr_init(swr), "cannot convert its sample format");
        return swr;
    }

    /**
     * A file whose header declares clearly more audio than it holds was cut short (a partial download, say). MP3
     * (Xing/LAME header), FLAC, Ogg and M4A declare their length; FFmpeg derives a WAV's from its file size.
     */
    private static void checkComplete(Path file, AVFormatContext format, double decodedSeconds)
            throws AudioException {
        if (format.duration() == AV_NOPTS_VALUE || format.duration() <= 0) {
            return;
        }
        double declared = format.duration() / (double) AV_TIME_BASE;
        if (decodedSeconds < TRUNCATED_FRACTION * declared) {
            throw new AudioException(file, String.format(Locale.ROOT,
                    "truncated: %.2f s of audio where its header declares %.2f s", decodedSeconds, declared));
        }
    }

    /**
     * A WAV whose data chunk declares more sample frames than the file holds was cut short. FFmpeg reads such a
     * file to its end without complaint, so the header's count is read by the JDK's WAV reader, which knows plain
     * PCM, float, A-law/mu-law and WAVE_FORMAT_EXTENSIBLE headers; PCM has no priming, so the counts must agree.
     */
    private static void checkCompleteWav(Path file, long heldFrames) throws AudioException {
        AudioFileFormat header;
        try {
            header = AudioSystem.getAudioFileFormat(file.toFile());
        } catch (UnsupportedAudioFileException | IOException e) {
            return; // a header the JDK does not know (RF64, ADPCM, ...): FFmpeg's decode is all there is to go by
        }
        long declared = header.getFrameLength();
        long declaredBytes = declared * header.getFormat().getFrameSize();
        // Writers that cannot seek back (ffmpeg to a pipe) declare the largest size, 0xFFFFFFFF: length unknown.
        boolean unknown = declared == AudioSystem.NOT_SPECIFIED
                || declaredBytes > UNKNOWN_WAV_DATA_SIZE - header.getFormat().getFrameSize();
        if (!unknown && heldFrames < declared) {
            throw new AudioException(file, "truncated: its header declares " + declared
                    + " samples, the file holds " + heldFrames);
        }
    }

    /** Resamples the frames the codec has ready. */
    private static void receiveFrames(AVCodecContext context, AVFrame frame, SwrContext resampler, FrameShape shape,
                                      Samples samples) {
        while (avcodec_receive_frame(context, frame) >= 0) {
            if (!shape.matches(frame)) {
                // A frame unlike the stream's (damaged header bits can turn stereo into mono) would make the
                // resampler read channel planes that do not exist: it is dropped like any damaged packet.
                continue;
            }
            samples.convert(resampler, frame);
        }
    }

    /** Channels, rate and sample format the resampler was set up for. */
    private record FrameShape(int channels, int sampleRate, int sampleFormat) {
        boolean matches(AVFrame frame) {
            return frame.channels() == channels && frame.sample_rate() == sampleRate && frame.format() == sampleFormat;
        }
    }

    /** The decoder's channel layout, or the default one for its channel count where the stream names none. */
    private static long inputLayout(AVCodecContext context) {
        return context.channel_layout() != 0 ? context.channel_layout()
                : av_get_default_channel_layout(context.channels());
    }

    private static int channelCount(AVCodecContext context) {
        return av_get_channel_layout_nb_channels(inputLayout(context));
    }

    /** The decoded mono samples, how many sample frames the source held, and its own rate. */
    private record Decoded(float[] samples, long sourceFrames, int sourceRate) {
    }

    private static void check(Path file, int code, String what) throws AudioException {
        // Every negative code is a failure, end of file included: an input that ends inside its header leaves
        // avformat_open_input with a freed context, and carrying on would crash the JVM.
        if (code < 0) {
            byte[] text = new byte[256];
            av_strerror(code, text, text.length);
            String reason = new String(text, 0, indexOfZero(text), java.nio.charset.StandardCharsets.UTF_8);
            throw new AudioException(file, what + " (" + reason + ")");
        }
    }

    private static int indexOfZero(byte[] text) {
        for (int i = 0; i < text.length; i++) {
            if (text[i] == 0) {
                return i;
            }
        }
        return text.length;
    }

    /** The decoded mono samples, grown as frames arrive, and the source sample frames they came from. */
    private static final class Samples implements AutoCloseable {
        private float[] data = new float[1 << 16];
        private int size;
        private long sourceFrames;
        // One native output buffer, grown when a frame needs more room, instead of one allocation per frame.
        private FloatPointer out = new FloatPointer(4096);
        private final PointerPointer<?> outputs = new PointerPointer<>(1);

        /** Resamples one decoded frame. */
        void convert(SwrContext resampler, AVFrame frame) {
            convert(resampler, frame.extended_data(), frame.nb_samples());
            sourceFrames += frame.nb_samples();
        }

        /** Resamples {@code inputSamples} of {@code input} (null flushes the filter); returns the samples made. */
        int convert(SwrContext resampler, PointerPointer<?> input, int inputSamples) {
            int room = Math.max(swr_get_out_samples(resampler, inputSamples), 1);
            if (room > out.capacity()) {
                out.close();
                out = new FloatPointer(room);
            }
            outputs.put(0, out);
            int produced = swr_convert(resampler, outputs, room, input, inputSamples);
            append(out, produced);
            return produced;
        }

        /** Takes the samples still inside the resampler's filter after the last frame. */
        void drain(SwrContext resampler) {
            int produced;
            do {
                produced = convert(resampler, null, 0);
            } while (produced > 0);
        }

        @Override
        public void close() {
            out.close();
            outputs.close();
        }

        private void append(FloatPointer out, int count) {
            if (count <= 0) {
                return;
            }
            if (size + count > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + count));
            }
            out.get(data, size, count);
            size += count;
        }

        long sourceFrames() {
            return sourceFrames;
        }

        /** The samples held. */
        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
