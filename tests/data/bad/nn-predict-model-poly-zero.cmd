nn-predict -m nn-predict-model-poly-zero.model nn-train-line.tsv
