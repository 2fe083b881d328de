nn-predict -m nn-predict-model-truncated.model nn-train-line.tsv
