nn-predict -m nn-predict-missing.model nn-train-line.tsv
