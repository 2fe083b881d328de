nn-predict -m nn-predict-model-truncated-header.model nn-train-line.tsv
