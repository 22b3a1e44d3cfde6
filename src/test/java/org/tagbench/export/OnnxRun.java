package org.tagbench.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs an ONNX model in ONNX Runtime (Java, CPU) on one batch of waveforms: the second runtime of the tests. */
final class OnnxRun {
    private OnnxRun() {
    }

    /** Every output of {@code model} for {@code audio}, [batch][samples] fed as input {@code input}, by name. */
    static Map<String, Object> outputs(byte[] model, String input, float[][] audio) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(env, audio);
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            Map<String, Object> out = new LinkedHashMap<>();
            result.forEach(e -> {
                try {
                    out.put(e.getKey(), e.getValue().getValue());
                } catch (OrtException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            return out;
        }
    }
}
