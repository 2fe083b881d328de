nn-predict -m nn-predict-model-unknown-activation.model nn-train-line.tsv
