package org.tagbench.config;

import java.util.Locale;

/**
 * The training conventions a run follows ({@code training.conventions}): how every layer kind is initialised, how
 * batch norm keeps its running statistics, Adam's epsilon and where it sits, and the loss form. Each names the
 * library whose defaults it copies; {@code org.tagbench.engine.TrainingConventions} holds their values.
 */
public enum ConventionsName {
    /** torch.nn's defaults, as a plain PyTorch training script has them. */
    PYTORCH,
    /** Keras 2's defaults, as Choi et al. trained their models. */
    KERAS,
    /** DL4J's defaults, which both engines followed before conventions could be chosen. */
    DL4J;

    /** What a config that names no conventions gets (chosen by the parity measurement of issue 14). */
    public static final ConventionsName DEFAULT = PYTORCH;

    /** What a run folder saved before {@code training.conventions} existed was trained with. */
    public static final ConventionsName BEFORE_CONVENTIONS = DL4J;

    /** The name as a config writes it. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
