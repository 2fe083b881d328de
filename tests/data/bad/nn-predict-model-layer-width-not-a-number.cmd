nn-predict -m nn-predict-model-layer-width-not-a-number.model nn-train-line.tsv
