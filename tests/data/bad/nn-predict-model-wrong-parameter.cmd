nn-predict -m nn-predict-model-wrong-parameter.model nn-train-line.tsv
