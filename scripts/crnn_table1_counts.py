#!/usr/bin/python3
"""Parameter counts of Choi et al. 2017's CRNN (arXiv 1609.04243) at the Table 1 widths under several readings,
to see which one puts all five budgets within the paper's 2%. Structure: 96 x 1366 log-mel input, four 3x3
"same" convolutions with bias, each followed by batch norm (trainable scale and shift), pools (2,2) (3,3) (4,4)
(4,4) leaving 1 band, two GRUs, a dense sigmoid output for 50 tags. Readings vary the GRU's biases per gate
(1: Keras 1 / reset_after=False; 2: PyTorch, cuDNN, Keras reset_after=True) and an input batch norm over the
1440 frames of Choi's zero-padded Keras input (trainable scale and shift per frame). Prints a table; writes
nothing. Run: /usr/bin/python3 scripts/crnn_table1_counts.py"""

TAGS = 50
# budget -> (conv1, conv2-4, GRU1-2), Table 1
TABLE1 = {100_000: (30, 60, 30), 250_000: (48, 96, 48), 500_000: (68, 137, 68),
          1_000_000: (96, 195, 96), 3_000_000: (169, 339, 169)}


def crnn_params(conv1, conv, gru, gru_biases, input_bn):
    n, c_in = input_bn, 1
    for width in (conv1, conv, conv, conv):
        n += 9 * c_in * width + width + 2 * width  # kernel, bias, batch-norm scale and shift
        c_in = width
    n_in = c_in  # one mel band is left after the pools, so the GRU sees one feature per channel
    for _ in range(2):
        n += 3 * (n_in * gru + gru * gru + gru_biases * gru)
        n_in = gru
    return n + gru * TAGS + TAGS


for biases in (1, 2):
    for input_bn in (0, 2 * 1440):
        cells = []
        for budget, widths in TABLE1.items():
            n = crnn_params(*widths, biases, input_bn)
            cells.append(f"{n:>9,} ({100 * (n - budget) / budget:+.2f}%)")
        print(f"GRU biases per gate {biases}, input batch norm params {input_bn:>4}: " + "  ".join(cells))
