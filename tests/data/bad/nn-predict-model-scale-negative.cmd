nn-predict -m nn-predict-model-scale-negative.model nn-train-line.tsv
