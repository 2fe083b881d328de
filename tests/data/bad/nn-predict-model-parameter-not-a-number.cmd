nn-predict -m nn-predict-model-parameter-not-a-number.model nn-train-line.tsv
