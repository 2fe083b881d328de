nn-predict -m nn-predict-model-missing-inputs.model nn-train-line.tsv
