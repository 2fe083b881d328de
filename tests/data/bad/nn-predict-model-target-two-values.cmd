nn-predict -m nn-predict-model-target-two-values.model nn-train-line.tsv
