package org.tagbench.train;

/** What one epoch did: mean training loss, validation loss and macro ROC-AUC, wall time. */
public record EpochRecord(int epoch, double trainLoss, double validLoss, double validRocAuc, double seconds) {
}
