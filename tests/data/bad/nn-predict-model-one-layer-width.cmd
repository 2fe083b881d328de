nn-predict -m nn-predict-model-one-layer-width.model nn-train-line.tsv
