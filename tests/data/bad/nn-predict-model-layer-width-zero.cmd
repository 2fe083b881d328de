nn-predict -m nn-predict-model-layer-width-zero.model nn-train-line.tsv
