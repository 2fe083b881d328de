nn-predict -m nn-predict-model-inputs-count.model nn-train-line.tsv
