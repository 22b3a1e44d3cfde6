package org.tagbench.transfer;

import java.util.ArrayList;
import java.util.List;
import org.tagbench.config.ConfigException;

/** One {@code --perturb KEY:PARAM=V1,V2,...}: a perturbation and the strengths to evaluate it at, in the order given. */
public record PerturbationSweep(PerturbationKind kind, List<Double> strengths) {
    private static final String OPTION = "--perturb";

    public PerturbationSweep {
        strengths = List.copyOf(strengths);
    }

    /**
     * Parses {@code text}; a wrong form, an unknown key or parameter, or a value that is not a number is a
     * one-line {@link ConfigException} naming it. Ranges are checked by {@link #check} once the sample rate is known.
     */
    public static PerturbationSweep parse(String text) {
        int colon = text.indexOf(':');
        int equals = text.indexOf('=');
        if (colon < 0 || equals < colon) {
            throw new ConfigException(OPTION, "\"" + text + "\" is not KEY:PARAM=V1,V2,... (e.g. noise:snr=20,10,0)");
        }
        String key = text.substring(0, colon);
        PerturbationKind kind = PerturbationKind.byKey(key).orElseThrow(() -> new ConfigException(OPTION,
                "\"" + key + "\" is not a perturbation (expected one of " + PerturbationKind.keys() + ")"));
        String parameter = text.substring(colon + 1, equals);
        if (!parameter.equals(kind.parameter())) {
            throw new ConfigException(OPTION + " " + key, "\"" + parameter + "\" is not its parameter (expected "
                    + kind.parameter() + ")");
        }
        String where = OPTION + " " + key + ":" + parameter;
        List<Double> values = new ArrayList<>();
        for (String value : text.substring(equals + 1).split(",", -1)) {
            double number;
            try {
                number = Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw new ConfigException(where, "\"" + value + "\" is not a number");
            }
            if (!Double.isFinite(number)) {
                throw new ConfigException(where, "\"" + value + "\" is not a finite number");
            }
            values.add(number);
        }
        return new PerturbationSweep(kind, values);
    }

    /** Checks every strength against the parameter's range for audio at {@code sampleRate} Hz; one line if not. */
    public void check(int sampleRate) {
        for (double value : strengths) {
            String problem = kind.problem(value, sampleRate);
            if (problem != null) {
                throw new ConfigException(OPTION + " " + kind.key() + ":" + kind.parameter(), problem);
            }
        }
    }
}
