nn-predict -m nn-predict-model-scale-without-shift.model nn-train-line.tsv
