package org.tagbench.train;

/**
 * What one epoch did: mean training loss, validation loss, macro ROC-AUC and PR-AUC, the learning rate it trained at,
 * its wall time, and the training clips per second of its steps (validation aside; a resumed epoch's rate is that
 * of its steps since the resumption).
 */
public record EpochRecord(int epoch, double trainLoss, double validLoss, double validRocAuc, double validPrAuc,
                          double lr, double seconds, double clipsPerSecond) {
}
