import java.util.Random;
import org.tagbench.audio.perturb.PitchShift;

/**
 * Times {@code PitchShift} (phase-vocoder stretch, then resampling back to the length) on 50 clips of 3 s at 12 kHz
 * (a 440 Hz tone in noise), 1.5 semitones up, in three rounds on one thread, and prints each round's time per clip;
 * read the third. docs/benchmarks.md, "Pitch shift", compares two builds with it.
 * <p>
 * Usage: java -cp target/tagbench.jar scripts/PitchShiftBench.java
 */
public class PitchShiftBench {
    public static void main(String[] args) {
        int rate = 12_000;
        int n = 3 * rate;
        Random random = new Random(1);
        float[][] clips = new float[50][n];
        for (float[] clip : clips) {
            for (int i = 0; i < n; i++) {
                clip[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / rate) + 0.05 * random.nextGaussian());
            }
        }
        double sink = 0;
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            for (float[] clip : clips) {
                sink += new PitchShift(1.5).apply(clip, rate)[n / 2];
            }
            System.out.printf("round %d: %.1f ms a clip%n", round, (System.nanoTime() - start) / 1e6 / clips.length);
        }
        // Printed so that the JIT cannot drop the work.
        System.out.println("checksum " + sink);
    }
}
