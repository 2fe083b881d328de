nn-predict -m nn-predict-model-scale-zero.model nn-train-line.tsv
