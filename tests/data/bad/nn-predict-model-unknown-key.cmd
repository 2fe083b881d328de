nn-predict -m nn-predict-model-unknown-key.model nn-train-line.tsv
