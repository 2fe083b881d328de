nn-train --init-model nn-train-missing.model nn-train-line.tsv
