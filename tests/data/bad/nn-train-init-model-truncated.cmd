nn-train --init-model nn-train-truncated.model nn-train-line.tsv
