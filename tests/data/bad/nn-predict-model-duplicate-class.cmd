nn-predict -m nn-predict-model-duplicate-class.model nn-train-line.tsv
