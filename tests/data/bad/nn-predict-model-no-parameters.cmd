nn-predict -m nn-predict-model-no-parameters.model nn-train-line.tsv
