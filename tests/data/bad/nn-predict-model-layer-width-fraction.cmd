nn-predict -m nn-predict-model-layer-width-fraction.model nn-train-line.tsv
