package org.tagbench.train;

import java.util.Optional;

/**
 * What {@link Trainer#fit} leaves besides the network: the outcome a run records, and the best epoch's validation
 * when this fit computed it (not when the best epoch came before a resume), so that a run need not validate again.
 */
public record FitResult(TrainingOutcome outcome, Optional<Evaluation> bestValidation) {
}
