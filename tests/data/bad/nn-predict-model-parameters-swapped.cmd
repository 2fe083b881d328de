nn-predict -m nn-predict-model-parameters-swapped.model nn-train-line.tsv
