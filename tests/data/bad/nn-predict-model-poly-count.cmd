nn-predict -m nn-predict-model-poly-count.model nn-train-line.tsv
