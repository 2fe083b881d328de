nn-predict -m nn-predict-model-shift-not-a-number.model nn-train-line.tsv
