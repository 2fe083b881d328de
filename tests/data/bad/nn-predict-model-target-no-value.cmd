nn-predict -m nn-predict-model-target-no-value.model nn-train-line.tsv
