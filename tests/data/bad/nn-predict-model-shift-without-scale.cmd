nn-predict -m nn-predict-model-shift-without-scale.model nn-train-line.tsv
