package org.tagbench.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tagbench.audio.perturb.Mp3Codec;
import org.tagbench.audio.perturb.PinkNoise;
import org.tagbench.audio.perturb.PitchShift;
import org.tagbench.audio.perturb.TimeStretch;
import org.tagbench.audio.perturb.WhiteNoise;
import org.tagbench.config.ConfigException;

/** Parsing {@code --perturb KEY:PARAM=V1,V2,...}, the ranges, and the perturbation each key makes. */
class PerturbationSweepTest {
    @Test
    void parsesEachKeyToItsPerturbation() {
        PerturbationSweep noise = PerturbationSweep.parse("noise:snr=30, 20,0,-5");
        assertEquals(PerturbationKind.NOISE, noise.kind());
        assertEquals(List.of(30.0, 20.0, 0.0, -5.0), noise.strengths());
        assertEquals(new WhiteNoise(20, 9), noise.kind().at(20, 9));
        assertEquals(new PinkNoise(10, 9), PerturbationSweep.parse("pink:snr=10").kind().at(10, 9));
        assertEquals(new PitchShift(-2), PerturbationSweep.parse("pitch:semitones=-2").kind().at(-2, 0));
        assertEquals(new TimeStretch(1.2), PerturbationSweep.parse("stretch:rate=1.2").kind().at(1.2, 0));
        assertEquals(new Mp3Codec(64), PerturbationSweep.parse("mp3:kbps=64").kind().at(64, 0));
        PerturbationSweep.parse("mp3:kbps=320").check(44100);
        PerturbationSweep.parse("gain:db=-60,60").check(12000);
        PerturbationSweep.parse("stretch:rate=4").check(12000);
    }

    @Test
    void wrongFormsAndValuesAreOneLineErrors() {
        assertError("config error: --perturb: \"noise\" is not KEY:PARAM=V1,V2,... (e.g. noise:snr=20,10,0)",
                () -> PerturbationSweep.parse("noise"));
        assertError("config error: --perturb noise: \"db\" is not its parameter (expected snr)",
                () -> PerturbationSweep.parse("noise:db=3"));
        assertError("config error: --perturb gain:db: \"\" is not a number", () -> PerturbationSweep.parse("gain:db="));
        assertError("config error: --perturb gain:db: \"Infinity\" is not a finite number",
                () -> PerturbationSweep.parse("gain:db=Infinity"));
        assertError("config error: --perturb stretch:rate: 4.5 is out of range (expected a rate above 0 and at most 4)",
                () -> PerturbationSweep.parse("stretch:rate=1,4.5").check(12000));
        assertError("config error: --perturb gain:db: -61 is out of range (expected -60 to 60 dB)",
                () -> PerturbationSweep.parse("gain:db=-61").check(12000));
        assertError("config error: --perturb mp3:kbps: 64.5 is out of range (expected a whole number of kbps)",
                () -> PerturbationSweep.parse("mp3:kbps=64.5").check(12000));
        assertError("config error: --perturb mp3:kbps: 144 kbps is not an MP3 bit rate at 44100 Hz (expected one of"
                + " 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)",
                () -> PerturbationSweep.parse("mp3:kbps=144").check(44100));
    }

    private static void assertError(String message, Runnable parse) {
        assertEquals(message, assertThrows(ConfigException.class, parse::run).getMessage());
    }
}
