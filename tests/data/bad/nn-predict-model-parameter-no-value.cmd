nn-predict -m nn-predict-model-parameter-no-value.model nn-train-line.tsv
