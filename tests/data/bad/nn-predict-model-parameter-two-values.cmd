nn-predict -m nn-predict-model-parameter-two-values.model nn-train-line.tsv
