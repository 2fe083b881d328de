nn-predict -m nn-predict-model-unknown-loss.model nn-train-line.tsv
