nn-predict -m nn-predict-model-no-version.model nn-train-line.tsv
