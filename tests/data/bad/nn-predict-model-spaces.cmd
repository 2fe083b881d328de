nn-predict -m nn-predict-model-spaces.model nn-train-line.tsv
