nn-predict -m nn-predict-model-parameter-out-of-range.model nn-train-line.tsv
