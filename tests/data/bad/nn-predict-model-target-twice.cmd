nn-predict -m nn-predict-model-target-twice.model nn-train-line.tsv
