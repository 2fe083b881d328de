nn-predict -m nn-predict-model-version-2.model nn-train-line.tsv
