nn-predict -m nn-predict-model-shift-count.model nn-train-line.tsv
