nn-predict -m nn-predict-model-missing-activation.model nn-train-line.tsv
