nn-predict -m nn-predict-model-extra-parameter.model nn-train-line.tsv
