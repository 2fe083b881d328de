nn-predict -m nn-predict-model-two-versions.model nn-train-line.tsv
