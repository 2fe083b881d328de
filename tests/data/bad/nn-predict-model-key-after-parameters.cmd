nn-predict -m nn-predict-model-key-after-parameters.model nn-train-line.tsv
