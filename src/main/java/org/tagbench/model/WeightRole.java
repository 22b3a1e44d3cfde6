package org.tagbench.model;

/** What one array of a {@link WeightLayout} is in its layer: which initialisation and update rules apply to it. */
public enum WeightRole {
    /** A convolution's kernel [out, in, kh, kw], or [out, in, k] in one dimension. */
    CONV_WEIGHT,
    /** A convolution's bias [out]. */
    CONV_BIAS,
    /** A fully connected layer's weight [out, in] (hidden dense layers and the output layer). */
    DENSE_WEIGHT,
    /** A fully connected layer's bias [out]. */
    DENSE_BIAS,
    /** A GRU's input weights [3 units, in]. */
    GRU_INPUT_WEIGHTS,
    /** A GRU's recurrent weights [3 units, units]. */
    GRU_RECURRENT_WEIGHTS,
    /** A GRU's bias on the input projection [3 units]. */
    GRU_INPUT_BIAS,
    /** A GRU's bias on the recurrent projection [3 units]. */
    GRU_RECURRENT_BIAS,
    /** Batch normalization's scale (gamma). */
    NORM_SCALE,
    /** Batch normalization's shift (beta). */
    NORM_SHIFT,
    /** Batch normalization's running mean (state, not trained by gradient). */
    RUNNING_MEAN,
    /** Batch normalization's running variance (state, not trained by gradient). */
    RUNNING_VARIANCE,
    /** An LSTM direction's input weights [4 units, in], gate blocks input | forget | cell | output. */
    LSTM_INPUT_WEIGHTS,
    /** An LSTM direction's recurrent weights [4 units, units]. */
    LSTM_RECURRENT_WEIGHTS,
    /** An LSTM direction's bias on the input projection [4 units]. */
    LSTM_INPUT_BIAS,
    /** An LSTM direction's bias on the recurrent projection [4 units]. */
    LSTM_RECURRENT_BIAS,
    /** The trainable front end's mel filterbank [n_mels, n_fft/2 + 1]: band m's weight on frequency bin k. */
    MEL_FILTERBANK,
    /**
     * The trainable front end's DFT basis [n_fft, 2 (n_fft/2 + 1)], the window folded in: sample n's weight on the
     * real part of bin k (column k), then on its imaginary part (column bins + k).
     */
    DFT_BASIS;

    /** Whether training updates the array by gradient (batch normalization's running statistics are state). */
    public boolean trainable() {
        return this != RUNNING_MEAN && this != RUNNING_VARIANCE;
    }
}
