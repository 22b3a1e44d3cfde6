package org.tagbench.engine.pytorch;

import ai.djl.nn.Parameter;

/**
 * Where one array of the engine-neutral weight layout lives in a DJL block: the parameter holds it in the
 * layout's own shape (DJL keeps PyTorch's {@code state_dict} shapes). {@code decayed} says whether weight decay
 * applies: to weights and biases, not to batch normalization's scale and shift (as DL4J's l2 and l2Bias).
 */
record PyTorchWeight(String name, Parameter parameter, boolean decayed) {
}
