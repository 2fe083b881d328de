nn-predict -m nn-predict-model-empty.model nn-train-line.tsv
